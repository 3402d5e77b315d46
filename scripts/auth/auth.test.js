// An endpoint that refuses connections without a valid token.
let server;
beforeAll(async () => {
  server = await ws.serve({
    path: '/items/ws',
    verify: (req) => {
      const auth = req.headers['authorization'] || '';
      return auth === 'Bearer let-me-in' || { status: 403, body: 'missing or invalid token' };
    },
  }, (conn) => conn.send({ type: 'ready' }));
});
afterAll(() => server.close());

test('without a token the handshake is refused with 403', async () => {
  await expect(ws.connect(server.url)).rejects.toMatchObject({
    status: 403,
    body: 'missing or invalid token',
    message: expect.stringContaining('server answered 403 Forbidden'),
  });
});

test('with a wrong token too', async () => {
  const err = await ws.connect(server.url, { headers: { Authorization: 'Bearer nope' } }).catch((e) => e);
  expect(err.status).toBe(403);
});

test('with the token the connection opens', async () => {
  const conn = await ws.connect(server.url, { headers: { Authorization: 'Bearer let-me-in' } });
  await conn.expect({ type: 'ready' });
});
