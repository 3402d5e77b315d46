test('send on a connection the peer closed', async () => {
  const server = await ws.serve((conn) => conn.close(1000, 'bye'));
  const conn = await ws.connect(server.url);
  await conn.expectClose();
  conn.send('too late');
});
