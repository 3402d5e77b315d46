// "Log in over HTTP, then connect with the token": the scripted server answers a login API
// with its http handler and accepts WebSocket upgrades only with a token it issued.
let server;
let api;

beforeAll(async () => {
  const tokens = new Set();
  server = await ws.serve({
    path: '/live',
    http: (req) => {
      if (req.method !== 'POST' || req.path !== '/login') return { status: 404, body: 'not found' };
      if (!req.json || req.json.password !== 'hunter2') return { status: 401, body: { error: 'bad credentials' } };
      const token = `tok-${tokens.size + 1}`;
      tokens.add(token);
      return { body: { token, user: req.json.user } };
    },
    verify: (req) => tokens.has(req.query.token) || { status: 401, body: 'unknown token' },
  }, (conn, req) => conn.send({ type: 'welcome', token: req.query.token }));
  api = server.url.replace(/^ws/, 'http').replace(/\/live$/, '');
});

afterAll(() => server.close());

async function login(user, password) {
  const res = await fetch(`${api}/login`, { method: 'POST', body: { user, password } });
  return { status: res.status, body: await res.json() };
}

test('log in over HTTP, then connect with the token', async () => {
  const { status, body } = await login('alice', 'hunter2');
  expect(status).toBe(200);
  expect(body).toEqual({ token: expect.stringMatching(/^tok-\d+$/), user: 'alice' });
  const conn = await ws.connect(server.url, { query: { token: body.token } });
  await conn.expect({ type: 'welcome', token: body.token });
});

test('a wrong password gets 401 and no token', async () => {
  const { status, body } = await login('alice', 'guess');
  expect(status).toBe(401);
  expect(body).toEqual({ error: 'bad credentials' });
});

test('a made-up token is refused at the handshake', async () => {
  await expect(ws.connect(server.url, { query: { token: 'tok-999' } })).rejects.toMatchObject({
    status: 401,
    body: 'unknown token',
  });
});
