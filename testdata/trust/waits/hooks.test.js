// A wait started in beforeEach and left pending fails the hook, and so the test; the tests of
// the other describe block, with an awaited hook, pass.
let server;
beforeAll(async () => {
  server = await ws.serve((conn) => conn.on('message', (m) => conn.send({ echo: m })));
});
afterAll(() => server.close());

describe('forgotten in beforeEach', () => {
  let conn;
  beforeEach(async () => {
    conn = await ws.connect(server.url, { name: 'setup' });
    conn.expect({ type: 'welcome' });
  });
  test('runs after a broken hook', () => {});
});

describe('awaited in beforeEach', () => {
  let conn;
  beforeEach(async () => {
    conn = await ws.connect(server.url, { name: 'ok' });
    conn.send('hello');
    await conn.expect({ echo: 'hello' });
  });
  test('control: passes', async () => {
    await conn.request('x', { echo: 'x' });
  });
});

describe('forgotten in beforeAll', () => {
  let quiet;
  beforeAll(async () => {
    quiet = await ws.serve({ name: 'quiet' });
    quiet.expectConnection({ timeout: 200 });
  });
  afterAll(() => quiet.close());
  test('fails with its beforeAll', () => {});
});
