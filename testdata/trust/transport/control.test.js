// The control file: runs beside each hostile file and must pass whatever the hostile peer did.
test('a well-behaved echo round trip still passes', async () => {
  const server = await ws.serve({ compression: true }, (conn) => conn.on('message', (m) => conn.send(m)));
  const conn = await ws.connect(server.url, { compression: true });
  expect(conn.bufferedAmount).toBe(0);
  conn.send({ hello: 'wörld' });
  expect(await conn.expect({ hello: 'wörld' })).toEqual({ hello: 'wörld' });
  expect(conn.bufferedAmount).toBe(0);
});
