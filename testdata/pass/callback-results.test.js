// What describe, test and ws.serve's callbacks return is looked into for a promise only. An
// object whose getter throws used to be read whole (Go's Export), which failed the file or
// the test as "internal error".
const odd = () => ({ get x() { throw new Error('read'); } });

describe('a describe callback that returns an object', () => odd());

test('a test that returns an object passes', () => odd());

test('an async test is still awaited', async () => {
  let done = false;
  await new Promise((r) => setTimeout(r, 10));
  done = true;
  expect(done).toBe(true);
});

test('verify and onConnection may return such objects', async () => {
  const server = await ws.serve({ verify: odd }, odd);
  const refused = await ws.connect(server.url).catch((e) => e);
  expect(refused.status).toBe(403);
  const open = await ws.serve(odd);
  const conn = await ws.connect(open.url);
  await conn.ping();
  expect(conn.closed).toBe(false);
});
