// A message consumed by one wait is still seen by an expectNone that runs at the same time.
// Tests named "fails: …" must fail; the others must pass.

async function pair() {
  const server = await ws.serve();
  const client = await ws.connect(server.url);
  const peer = await server.expectConnection();
  return { client, peer };
}

// The expect started first used to consume the message before the expectNone saw it, so the
// expectNone passed although the message it forbids arrived in its window.
test('fails: expectNone sees a message an earlier expect consumed', async () => {
  const { client, peer } = await pair();
  const taken = client.expect('m', { timeout: 1000 });
  const none = client.expectNone('m', { within: 300 });
  peer.send('m');
  await taken;
  await none;
});

test('fails: expectNone sees a message an earlier expectAll consumed', async () => {
  const { client, peer } = await pair();
  const taken = client.expectAll(['m', 'n'], { timeout: 1000 });
  const none = client.expectNone('n', { within: 300 });
  peer.send('m'); peer.send('n');
  await taken;
  await none;
});

test('fails: expectNone started first sees the message too', async () => {
  const { client, peer } = await pair();
  const none = client.expectNone('m', { within: 300 });
  const taken = client.expect('m', { timeout: 1000 });
  peer.send('m');
  await taken;
  await none;
});

test('a message consumed before expectNone started is not in its window', async () => {
  const { client, peer } = await pair();
  peer.send('m');
  await client.expect('m');
  await client.expectNone('m', { within: 100 });
});

test('a consumed message is given to one expect only', async () => {
  const { client, peer } = await pair();
  const first = client.expect('m', { timeout: 1000 });
  const second = client.expect('m', { timeout: 1000 });
  peer.send('m');
  expect(await first).toBe('m');
  await expect(second).rejects.toThrow('no unconsumed messages (1 received in all)');
});

// The message a wait needed was dropped past maxInbox: the failure used to list only the
// messages kept, with nothing to say where the awaited one went.
test('fails: a wait for a message dropped past maxInbox says it was dropped', async () => {
  const server = await ws.serve();
  const client = await ws.connect(server.url, { maxInbox: 2 });
  const peer = await server.expectConnection();
  peer.send('first'); peer.send('b'); peer.send('c');
  await client.expect('c');
  await client.expect('first', { timeout: 200 });
});

// expectAll took greedily: { a: 1, b: 1 } went to the first matcher, { a: 1 }, and the later
// { a: 1 } fit no matcher left, so the wait timed out though a message for each had arrived.
test('expectAll finds an assignment when the first fit is not the right one', async () => {
  const server = await ws.serve();
  const client = await ws.connect(server.url);
  const peer = await server.expectConnection();
  peer.send({ a: 1, b: 1 }); peer.send({ a: 1 });
  expect(await client.expectAll([{ a: 1 }, { b: 1 }], { timeout: 1000 })).toEqual([{ a: 1 }, { a: 1, b: 1 }]);
  const pending = client.expectAll([{ x: 1 }, { y: 1 }, { z: 1 }], { timeout: 1000 });
  peer.send({ x: 1, y: 1, z: 1 }); peer.send({ x: 1, y: 1 }); peer.send({ x: 1 });
  expect(await pending).toEqual([{ x: 1 }, { x: 1, y: 1 }, { x: 1, y: 1, z: 1 }]);
});

test('fails: expectAll does not give one message to two matchers', async () => {
  const server = await ws.serve();
  const client = await ws.connect(server.url);
  const peer = await server.expectConnection();
  peer.send({ a: 1, b: 1 });
  await client.expectAll([{ a: 1 }, { b: 1 }], { timeout: 300 });
});
