test('the server closes while the test waits', async () => {
  const server = await ws.serve((conn) => {
    setTimeout(() => conn.close(4001, 'session expired'), 20);
  });
  const conn = await ws.connect(server.url);
  await conn.expect({ type: 'update' });
});
