test('exchanges frames', async () => {
  const server = await ws.serve((conn) => conn.on('message', (m) => conn.send(m)));
  const c = await ws.connect(server.url, { name: 'echo' });
  c.send({ hello: 'world' });
  await c.expect({ hello: 'world' });
  c.send(new Uint8Array([0xde, 0xad]));
  await c.expect(expect.any(Uint8Array));
  await c.close();
});
