// Requests sent as text: 10 `ping` (JSON text with a `type`), 5 `sum` (JSON-RPC's `method`),
// and 3 plain-text ones, named `request`. The run's `ping` row merges both files'.
let server;
beforeAll(async () => {
  server = await ws.serve({ parse: 'text' }, (conn) => conn.on('message', (m) => conn.send(m)));
});
afterAll(() => server.close());

test('text requests', async () => {
  const conn = await ws.connect(server.url);
  for (let i = 0; i < 10; i++) {
    await conn.request(JSON.stringify({ type: 'ping', i }), { type: 'ping', i });
  }
  for (let i = 0; i < 5; i++) {
    await conn.request(`{"jsonrpc":"2.0","method":"sum","params":[${i},1],"id":${i}}`, { id: i });
  }
  for (let i = 0; i < 3; i++) {
    await conn.request(`hello ${i}`, `hello ${i}`);
  }
  conn.close();
});
