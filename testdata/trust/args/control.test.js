// The right uses of the functions misuse.test.js gets wrong: all of these pass.

async function pair(onConnection) {
  const server = await ws.serve(onConnection);
  const conn = await ws.connect(server.url, { headers: { Authorization: 'Bearer x' }, name: 'client' });
  return { server, conn, peer: await server.expectConnection({ timeout: 1000 }) };
}

test('the right calls pass', async () => {
  const { server, conn, peer } = await pair();
  peer.send({ type: 'hi' });
  await conn.expect({ type: 'hi' }, { timeout: 300 });
  peer.send({ type: 'a' });
  peer.send({ type: 'b' });
  expect(await conn.expectAll([{ type: 'b' }, { type: 'a' }], { timeout: 300 })).toEqual([{ type: 'b' }, { type: 'a' }]);
  await conn.expectNone({ type: 'never' }, { within: 20 });
  await conn.expectNone({ type: 'never' }, { timeout: 20 });
  expect(typeof (await conn.ping('p'.repeat(125)))).toBe('number');
  expect(typeof (await conn.ping(new Uint8Array([1, 2, 3])))).toBe('number');
  await sleep(0);
  await new Promise((done) => setTimeout(done, 1));
  const closed = conn.expectClose({ code: 4000, reason: /by/, timeout: 1000 });
  peer.close(4000, 'x'.repeat(121) + 'by');
  await closed;
  await server.close();
});

test("on('message', text, fn) matches a text frame equal to an event name", async () => {
  const { conn, peer } = await pair();
  const seen = [];
  conn.on('message', 'message', (m) => seen.push(m));
  const off = conn.on({ n: expect.any(Number) }, (m) => seen.push(m.n));
  peer.send('close');
  peer.send('message');
  peer.send({ n: 1 });
  await conn.expect({ n: 1 });
  off();
  conn.off('message', () => {});
  expect(seen).toEqual(['message', 1]);
});

test('timeouts and retries as options', async () => {
  await sleep(1);
}, { timeout: 2000, retries: 0 });

test('a timeout as a number', async () => {
  await sleep(1);
}, 2000);

test('huge times do not wrap round into the past', async () => {
  // Past 2^31 - 1 ms, setTimeout and setInterval run after 1 ms, as in Node and browsers.
  await new Promise((done) => setTimeout(done, 1e20));
  // A sleep, an AbortSignal.timeout and a wait that long are simply not over yet.
  const slept = sleep(1e20, { signal: AbortSignal.timeout(50) }).catch((e) => e.name);
  const signal = AbortSignal.timeout(1e20);
  const { server, conn } = await pair();
  const waited = conn.expect({ type: 'never' }, { timeout: 1e20, signal: AbortSignal.timeout(50) }).catch((e) => e.name);
  expect(await slept).toBe('TimeoutError');
  expect(await waited).toBe('TimeoutError');
  expect(signal.aborted).toBe(false);
  await server.close();
});
