// merge-reports fixture: requests under two names against ws.serve, for the latency table.
let server;
beforeAll(async () => {
  server = await ws.serve({}, (conn) => conn.on('message', (m) => conn.send(m)));
});
afterAll(() => server.close());

test('requests', async () => {
  const conn = await ws.connect(server.url);
  for (let i = 0; i < 12; i++) {
    await conn.request({ type: 'ping', i }, { type: 'ping', i });
  }
  for (let i = 0; i < 5; i++) {
    await conn.request({ type: 'join', room: `r${i}` }, { room: `r${i}` });
  }
  conn.close();
});
