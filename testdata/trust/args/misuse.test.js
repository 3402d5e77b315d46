// Each test misuses one API function. Before argument checks, most of these passed (the
// wrong argument was ignored); now each fails with a TypeError that says what was wrong.
// Run with --expect-timeout 300ms.

async function pair(onConnection) {
  const server = await ws.serve(onConnection);
  const conn = await ws.connect(server.url);
  return { server, conn, peer: await server.expectConnection() };
}

test('expectClose(4001) against a close with 4000', async () => {
  const { conn, peer } = await pair();
  peer.close(4000, 'bye');
  await conn.expectClose(4001);
});

test('expect(matcher, 300)', async () => {
  const { conn, peer } = await pair();
  peer.send({ type: 'hi' });
  await conn.expect({ type: 'hi' }, 300);
});

test('a misspelt option', async () => {
  const { conn, peer } = await pair();
  peer.send({ type: 'hi' });
  await conn.expect({ type: 'hi' }, { timeot: 5 });
});

test('on with a misspelt event', async () => {
  const { conn } = await pair();
  conn.on('mesage', () => {});
});

test('ws.connect with a misspelt option', async () => {
  const server = await ws.serve();
  await ws.connect(server.url, { heders: { Authorization: 'Bearer x' } });
});

test('ws.connect with an undefined header', async () => {
  const server = await ws.serve();
  const token = undefined;
  await ws.connect(server.url, { headers: { Authorization: token } });
});

test('ws.connect with a url that is not a string', async () => {
  const server = await ws.serve();
  await ws.connect(server);
});

test('ws.serve with a misspelt option', async () => {
  await ws.serve({ prot: 0 });
});

test('close with a reserved code', async () => {
  const { conn } = await pair();
  await conn.close(1006);
});

test('close with a reason over 123 bytes', async () => {
  const { conn } = await pair();
  await conn.close(4000, 'x'.repeat(124));
});

test('expectAll without an array', async () => {
  const { conn, peer } = await pair();
  peer.send({ type: 'a' });
  await conn.expectAll({ type: 'a' });
});

test('server.close with a code', async () => {
  const { server } = await pair();
  await server.close(4000);
});

test('ping with a payload over 125 bytes', async () => {
  const { conn } = await pair();
  await conn.ping('p'.repeat(126));
});

test('sleep with a signal that is not one', async () => {
  await sleep(1, { signal: 5 });
});

test('sleep with a negative time', async () => {
  await sleep(-5);
});

test('setTimeout with a string', () => {
  setTimeout('tick()', 10);
});

test('fetch with a misspelt option', async () => {
  await fetch('http://127.0.0.1:1/', { methd: 'POST' });
});

test('expect with options in the matcher place', async () => {
  const { conn } = await pair();
  await conn.expect({ timeout: 50 });
});

test("on('close') with a matcher", async () => {
  const { conn } = await pair();
  conn.on('close', { code: 4000 }, () => {});
});

test('on with a number in place of an event', async () => {
  const { conn } = await pair();
  conn.once(42, () => {});
});

test('request with options in the matcher place', async () => {
  const { conn } = await pair();
  await conn.request('hi', { timeout: 50 });
});
