// merge-reports fixture: passing tests with console output, and a failing wait on a ws.serve
// connection (a diff, a code frame and a transcript in every report).
let server;
beforeAll(async () => {
  server = await ws.serve({}, (conn) => conn.on('message', (m) => conn.send({ type: 'echo', got: m })));
});
afterAll(() => server.close());

describe('alpha', () => {
  test('adds', () => {
    console.log('adding');
    expect(1 + 1).toBe(2);
  });

  test('echoes the wrong thing', async () => {
    const conn = await ws.connect(server.url, { name: 'alice' });
    conn.send({ type: 'hello' });
    await conn.expect({ type: 'echo', got: { type: 'goodbye' } }, { timeout: 200 });
  });
});
