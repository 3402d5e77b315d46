test('a frame over maxMessageSize fails the connection', async () => {
  const server = await ws.serve((conn) => conn.send('x'.repeat(2000)));
  const conn = await ws.connect(server.url, { maxMessageSize: 1000 });
  await conn.expect();
});
