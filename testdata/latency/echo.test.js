// Requests under two names against an echo server, for the latency table: 30 `ping` (named by
// the `type` field), 20 `subscribe` (by `action`), one `auth?token=…` whose name holds a
// secret, and one request that never gets its reply, which must not be timed.
let server;
beforeAll(async () => {
  server = await ws.serve({}, (conn) => conn.on('message', (m) => {
    if (m.type !== 'lost') conn.send(m);
  }));
});
afterAll(() => server.close());

test('pings and subscribes', async () => {
  const conn = await ws.connect(server.url);
  for (let i = 0; i < 30; i++) {
    await conn.request({ type: 'ping', i }, { type: 'ping', i });
  }
  for (let i = 0; i < 20; i++) {
    await conn.request({ action: 'subscribe', topic: `t${i}` }, { topic: `t${i}` });
  }
  await conn.request({ type: 'auth?token=SECRET-LATENCY' }, { type: expect.stringContaining('auth') });
  await expect(conn.request({ type: 'lost' }, { type: 'lost' }, { timeout: 50 })).rejects.toThrow('timed out');
  conn.close();
});
