// cors: true answers the browser's preflight and marks responses; off by default in tests.
const handler = (req) => ({ body: { method: req.method } });

test('cors: true answers a preflight without calling the handler', async () => {
  let called = 0;
  const server = await ws.serve({ cors: true, http: (req) => { called++; return handler(req); } });
  const base = server.url.replace('ws:', 'http:');
  const res = await fetch(base + 'api/items', {
    method: 'OPTIONS',
    headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, x-token' },
  });
  expect(res.status).toBe(204);
  expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  expect(res.headers.get('access-control-allow-methods')).toContain('POST');
  expect(res.headers.get('access-control-allow-headers')).toBe('content-type, x-token');
  expect(called).toBe(0);
  const post = await fetch(base + 'api/items', { method: 'POST', headers: { Origin: 'http://localhost:5173' }, body: { a: 1 } });
  expect(post.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  expect(await post.json()).toEqual({ method: 'POST' });
  expect(called).toBe(1);
});

test("the handler's own CORS headers win", async () => {
  const server = await ws.serve({ cors: true, http: () => ({ headers: { 'Access-Control-Allow-Origin': 'https://app.example' }, body: 'ok' }) });
  const res = await fetch(server.url.replace('ws:', 'http:') + 'x', { headers: { Origin: 'http://localhost:5173' } });
  expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example');
});

test('without cors, no CORS headers', async () => {
  const server = await ws.serve({ http: handler });
  const res = await fetch(server.url.replace('ws:', 'http:') + 'x', { headers: { Origin: 'http://localhost:5173' } });
  expect(res.headers.get('access-control-allow-origin')).toBe(null);
});

test('cors takes a boolean', () => {
  expect(() => ws.serve({ cors: 'yes' })).toThrow('ws.serve');
});
