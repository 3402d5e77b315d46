// Matchers of conn.expect* through the binary. Tests named "fails: …" must fail; the others
// must pass.

async function pair() {
  const server = await ws.serve();
  const client = await ws.connect(server.url);
  const peer = await server.expectConnection();
  return { client, peer };
}

// A RegExp with the g (or y) flag keeps lastIndex after a match; reused as a matcher, it used
// to start the next test where the last match ended, so an identical second message did not
// match it.
test('fails: expectNone with a reused g RegExp sees a second identical message', async () => {
  const { client, peer } = await pair();
  const re = /hi/g;
  peer.send('hi');
  await client.expect(re);
  peer.send('hi');
  await client.expectNone(re, { within: 300 });
});

test('a reused g RegExp matches two identical buffered messages', async () => {
  const { client, peer } = await pair();
  const re = /hi/g;
  peer.send('hi'); peer.send('hi');
  await sleep(50);
  await client.expect(re, { timeout: 1000 });
  await client.expect(re, { timeout: 1000 });
});

test('a reused y RegExp, and a frozen RegExp without flags, match too', async () => {
  const { client, peer } = await pair();
  const sticky = /hi/y;
  peer.send('hi'); peer.send('hi');
  await client.expect(sticky, { timeout: 1000 });
  await client.expect(sticky, { timeout: 1000 });
  peer.send('hey');
  await client.expect(Object.freeze(/hey/), { timeout: 1000 });
});

// An async function returns a Promise, which is truthy: as a matcher it used to match the
// first message whatever it was, so the expect below resolved with { type: 'other' }.
test('fails: an async function matcher fails the expect, not match every message', async () => {
  const { client, peer } = await pair();
  peer.send({ type: 'other' });
  await client.expect(async (m) => m.type === 'wanted', { timeout: 1000 });
});

test('fails: an async function matcher fails an on handler', async () => {
  const { client, peer } = await pair();
  client.on(async (m) => m === 'x', () => {});
  peer.send('y');
  await client.expect('y');
  await sleep(50);
});

test('a function matcher that returns a truthy non-Promise still matches', async () => {
  const { client, peer } = await pair();
  peer.send({ type: 'wanted' });
  expect(await client.expect((m) => m.type === 'wanted' && 'yes')).toEqual({ type: 'wanted' });
});

// A binary frame is a Uint8Array: a plain object or array matcher used to match it as
// toMatchObject does ({} matches any object, { 0: 104 } its first byte).
test('an object matcher does not take a binary frame', async () => {
  const { client, peer } = await pair();
  peer.send(new Uint8Array([104, 105]));
  await client.expectNone({}, { within: 100 });
  await client.expectNone({ 0: 104 }, { within: 100 });
  peer.send({ 0: 104 });
  expect(await client.expect({ 0: 104 })).toEqual({ 0: 104 });
  expect(await client.expect(expect.any(Uint8Array))).toEqual(new Uint8Array([104, 105]));
});

test('bytes match a binary frame of exactly those bytes', async () => {
  const { client, peer } = await pair();
  peer.send(new Uint8Array([1, 2, 250]));
  await client.expectNone(new Uint8Array([1, 2]), { within: 100 });
  await client.expectNone(new Uint8Array([1, 2, 251]), { within: 100 });
  expect(await client.expect(new Uint8Array([1, 2, 250]))).toEqual(new Uint8Array([1, 2, 250]));
});

test('fails: expect({}) does not resolve with a binary frame', async () => {
  const { client, peer } = await pair();
  peer.send(new Uint8Array([1]));
  await client.expect({}, { timeout: 300 });
});
