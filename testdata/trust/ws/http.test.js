// ws.serve's http(req) and verify(req) answers, and fetch, at their limits: what was cut
// short or could not be sent must fail the test, never pass it on what was left.
const api = (server) => server.url.replace(/^ws/, 'http');

for (const status of [0, 103, 1000, 200.5]) {
  test(`fails: http answering with status ${status}`, async () => {
    const server = await ws.serve({ http: () => ({ status, body: 'hello' }) });
    // The client saw the connection close (WriteHeader panicked), so this passed.
    await expect(fetch(api(server))).rejects.toThrow();
    await server.close();
  });
}

test('fails: verify refusing with status 99', async () => {
  const server = await ws.serve({ verify: () => ({ status: 99, body: 'no' }) });
  await expect(ws.connect(server.url)).rejects.toThrow();
  await server.close();
});

test('http answering with 204 and 599 is fine', async () => {
  const server = await ws.serve({ http: (req) => ({ status: req.path === '/a' ? 204 : 599, body: 'x' }) });
  expect((await fetch(api(server) + 'a')).status).toBe(204);
  expect((await fetch(api(server) + 'b')).status).toBe(599);
  await server.close();
});

test('fails: a request body over 1 MiB', async () => {
  let got = -1;
  const server = await ws.serve({ http: (req) => { got = req.body.length; return { body: 'ok' }; } });
  // The handler saw the first MiB as the whole body.
  const res = await fetch(api(server), { method: 'POST', body: 'y'.repeat((1 << 20) + 1) });
  expect(got).toBe(-1);
  expect(res.status).toBe(413);
  await server.close();
});

test('a request body of 1 MiB reaches the handler whole', async () => {
  let got = -1;
  const server = await ws.serve({ http: (req) => { got = req.body.length; return { body: 'ok' }; } });
  expect((await fetch(api(server), { method: 'POST', body: 'y'.repeat(1 << 20) })).status).toBe(200);
  expect(got).toBe(1 << 20);
  await server.close();
});

test('fails: a response body over 64 MiB', async () => {
  const server = await ws.serve({ http: () => ({ body: 'x'.repeat(64 << 20) + 'ERROR' }) });
  // fetch read the first 64 MiB as the whole body.
  const text = await (await fetch(api(server))).text();
  expect(text).not.toContain('ERROR');
  await server.close();
});

const cyclic = {};
cyclic.self = cyclic;
for (const [name, body] of [['a cyclic', cyclic], ['a BigInt', 10n], ['a throwing toJSON', { toJSON() { throw new Error('boom'); } }]]) {
  test(`fails: http answering with ${name} body`, async () => {
    const server = await ws.serve({ http: () => ({ body }) });
    // It went out as an empty 200.
    expect((await fetch(api(server))).status).toBe(200);
    await server.close();
  });
}

test('req.json holds plain JS values', async () => {
  let j;
  const server = await ws.serve({ http: (req) => { j = req.json; return { body: 'ok' }; } });
  await fetch(api(server), { method: 'POST', body: { a: 1, list: [1, { c: 2 }] } });
  expect(j).toStrictEqual({ a: 1, list: [1, { c: 2 }] });
  // encoding/json's Go slice, wrapped, ignored this push.
  j.list.push(3);
  expect(j.list).toEqual([1, { c: 2 }, 3]);
  expect(Object.getPrototypeOf(j)).toBe(Object.prototype);
  await server.close();
});

for (const [name, body] of [['a function', () => 1], ['a Symbol', Symbol('s')], ['a toJSON returning undefined', { toJSON() {} }]]) {
  test(`fails: fetch with ${name} body`, async () => {
    const server = await ws.serve({ http: () => ({ body: 'ok' }) });
    // It went out as "null", or a Symbol as its description.
    expect((await fetch(api(server), { method: 'POST', body })).status).toBe(200);
    await server.close();
  });
}

test('fetch sends strings, bytes and JSON as before', async () => {
  const got = [];
  const server = await ws.serve({ http: (req) => { got.push([req.body, req.headers['content-type'] ?? null]); return { body: 'ok' }; } });
  for (const body of ['text', new Uint8Array([65, 66]), new Uint8Array([67]).buffer, { a: 1 }, [1], 5, false]) {
    await fetch(api(server), { method: 'POST', body });
  }
  expect(got).toEqual([['text', null], ['AB', null], ['C', null], ['{"a":1}', 'application/json'], ['[1]', 'application/json'], ['5', 'application/json'], ['false', 'application/json']]);
  await server.close();
});
