// Every member of Connection, against a scripted server in the same VM.
let server;
const seenHeaders = [];

beforeAll(async () => {
  server = await ws.serve({ path: '/api', protocols: ['v2', 'v1'] }, (conn, req) => {
    seenHeaders.push(req.headers['x-token']);
    conn.send({ type: 'hello', query: req.query });
    conn.on('message', (m) => {
      if (m === 'close-me') conn.close(4000, 'asked to');
      else if (m instanceof Uint8Array) conn.send(m);
      else if (m && m.echo !== undefined) conn.send({ echoed: m.echo, seq: m.seq });
      else if (m === 'burst') for (let i = 0; i < 5; i++) conn.send({ n: i });
      else if (m === 'text') conn.send('just words');
      else if (m === 'nested') conn.send({ order: { id: 7, lines: [{ sku: 'a', qty: 2 }] }, at: Date.now() });
    });
  });
});
afterAll(() => server.close());

test('connect options: headers, query, protocols, name', async () => {
  const c = await ws.connect(server.url, {
    headers: { 'X-Token': 't0k' },
    query: { room: 'lobby', user: 'a b' },
    protocols: ['v1', 'v2'],
    name: 'alice',
  });
  expect(c.name).toBe('alice');
  expect(c.url).toContain('room=lobby');
  expect(c.url).toContain('user=a+b');
  expect(c.protocol).toBe('v1');
  expect(c.headers['sec-websocket-protocol']).toBe('v1');
  const hello = await c.expect({ type: 'hello' });
  expect(hello.query).toEqual({ room: 'lobby', user: 'a b' });
  expect(seenHeaders).toContain('t0k');
});

test('send objects, expect with partial matchers, request', async () => {
  const c = await ws.connect(server.url);
  await c.expect({ type: 'hello' });
  c.send({ echo: 'x', seq: 1 });
  expect(await c.expect({ echoed: 'x' })).toEqual({ echoed: 'x', seq: 1 });
  const r = await c.request({ echo: 'y', seq: 2 }, { seq: 2 });
  expect(r.echoed).toBe('y');
  expect(c.sent[0]).toMatchObject({ data: { echo: 'x', seq: 1 }, type: 'text', text: '{"echo":"x","seq":1}' });
  expect(c.messages.length).toBe(3);
  expect(c.messages[1]).toMatchObject({ type: 'text', data: { echoed: 'x', seq: 1 }, at: expect.any(Number) });
});

test('matcher kinds: string, RegExp, function, asymmetric, nested', async () => {
  const c = await ws.connect(server.url);
  c.send('text');
  expect(await c.expect('just words')).toBe('just words');
  c.send('text');
  expect(await c.expect(/^just/)).toBe('just words');
  c.send('burst');
  expect(await c.expect((m) => m.n === 3)).toEqual({ n: 3 });
  expect(await c.expect(expect.objectContaining({ n: 1 }))).toEqual({ n: 1 });
  c.send('nested');
  const m = await c.expect({ order: { lines: [{ sku: 'a', qty: expect.any(Number) }] }, at: expect.any(Number) });
  expect(m.order.id).toBe(7);
});

test('unconsumed messages stay available, in order', async () => {
  const c = await ws.connect(server.url);
  c.send('burst');
  await c.expect({ n: 4 });
  // n 0..3 arrived before n 4 and were not consumed: they are still there.
  expect(await c.expectNext({ type: 'hello' })).toBeTruthy();
  for (let i = 0; i < 4; i++) expect(await c.expectNext({ n: i })).toEqual({ n: i });
});

test('expectAll takes messages in any order and answers in matcher order', async () => {
  const c = await ws.connect(server.url);
  c.send('burst');
  const got = await c.expectAll([{ n: 3 }, { n: 0 }, { type: 'hello' }]);
  expect(got).toEqual([{ n: 3 }, { n: 0 }, expect.objectContaining({ type: 'hello' })]);
});

test('expectNone passes when nothing matching arrives', async () => {
  const c = await ws.connect(server.url);
  await c.expect({ type: 'hello' });
  await c.expectNone({ type: 'error' }, { within: 50 });
});

test('on with an event name and with a matcher; off and once', async () => {
  const c = await ws.connect(server.url);
  const all = [], odd = [], first = [];
  c.on('message', (m) => all.push(m));
  const off = c.on((m) => m.n % 2 === 1, (m) => odd.push(m.n));
  c.once({ n: expect.any(Number) }, (m) => first.push(m.n));
  c.send('burst');
  await c.expect({ n: 4 });
  expect(odd).toEqual([1, 3]);
  expect(first).toEqual([0]);
  expect(all.length).toBe(6);
  off();
  c.send('burst');
  await c.expect({ n: 4 });
  expect(odd).toEqual([1, 3]);
});

test('handlers registered right after connect see the first message', async () => {
  const c = await ws.connect(server.url);
  const got = [];
  c.on('message', (m) => got.push(m.type));
  await sleep(20);
  expect(got).toEqual(['hello']);
});

test('binary frames are Uint8Arrays', async () => {
  const c = await ws.connect(server.url);
  c.send(new Uint8Array([1, 2, 3]));
  const b = await c.expect(expect.any(Uint8Array));
  expect(Array.from(b)).toEqual([1, 2, 3]);
  expect(c.sent[0].type).toBe('binary');
});

test('parse: text delivers JSON as a string', async () => {
  const c = await ws.connect(server.url, { parse: 'text' });
  const raw = await c.expect(/hello/);
  expect(typeof raw).toBe('string');
  expect(JSON.parse(raw).type).toBe('hello');
});

test('close, closed, closeCode, expectClose', async () => {
  const c = await ws.connect(server.url);
  expect(c.closed).toBe(false);
  c.send('close-me');
  const info = await c.expectClose({ code: 4000, reason: 'asked to' });
  expect(info).toEqual({ code: 4000, reason: 'asked to' });
  expect(c.closed).toBe(true);
  expect(c.closeCode).toBe(4000);
  expect(c.closeReason).toBe('asked to');
  // Already closed: resolves at once with the recorded code.
  expect((await c.expectClose()).code).toBe(4000);
  expect(() => c.send('x')).toThrow('4000');
});

test('close from the client resolves when the handshake is done', async () => {
  const c = await ws.connect(server.url);
  const done = await c.close(1000, 'bye');
  expect(done.code).toBe(1000);
  expect(c.closed).toBe(true);
});

test('ping resolves with a round-trip time', async () => {
  const c = await ws.connect(server.url);
  const ms = await c.ping();
  expect(ms).toBeGreaterThanOrEqual(0);
});

test('expect rejections can be asserted with rejects', async () => {
  const c = await ws.connect(server.url);
  await expect(c.expect({ never: true }, { timeout: 50 })).rejects.toThrow('timed out after 50ms');
});

test('a short wait started after a long one times out first', async () => {
  const c = await ws.connect(server.url);
  const long = c.expect({ never: true }, { timeout: 60000 });
  await expect(c.expect({ nor: true }, { timeout: 50 })).rejects.toThrow('timed out after 50ms');
  await expect(c.expectNone({ nope: true }, { within: 20 })).resolves.toBeUndefined();
  // A wait still pending when the test ends would fail it (never awaited): closing the
  // connection settles the long one.
  await c.close();
  await expect(long).rejects.toThrow('the connection closed');
});
