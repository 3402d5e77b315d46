// Every value that starts with SECRET sits under a secret name (a URL parameter, a JSON or
// object key, a header): trust_redact_test.go checks that no output of the run shows one.
// CUSTOM7value sits under x-custom, a name only --redact x-custom makes secret.
const echo = () => ws.serve({}, (c) => c.on('message', (m) => c.send({ echo: m, session: 'SECRET5session' })));

test('an expect timeout lists a password', async () => {
  const srv = await echo();
  const conn = await ws.connect(srv.url + '?token=SECRET1query&room=lobby', { name: 'alice' });
  console.log({ user: 'visible-user', api_key: 'SECRET3apikey', 'x-custom': 'CUSTOM7value' });
  console.log('connected to', conn.url);
  conn.send({ user: 'a', password: 'SECRET2password' });
  // JSON in a binary frame: the reports show binary payloads in hex, the traces in base64.
  conn.send(new TextEncoder().encode(JSON.stringify({ user: 'a', password: 'SECRET12binary' })));
  await conn.expect({ never: 'arrives' }, { timeout: 300 });
});

test('a toEqual diff shows a password', async () => {
  const srv = await echo();
  const conn = await ws.connect(srv.url, { query: { access_token: 'SECRET4access' } });
  conn.send({ user: 'a', password: 'SECRET2password' });
  const got = await conn.expect({ echo: { user: 'a' } });
  expect(got).toEqual({ echo: { user: 'b' } });
});

test('a refused handshake names the URL', async () => {
  const srv = await ws.serve({ verify: () => ({ status: 401, body: '{"error":"bad","token":"SECRET6body"}' }) });
  await ws.connect(srv.url + '?sig=SECRET8sig');
});

test('a thrown error carries a JSON text', () => {
  throw new Error('login failed: ' + JSON.stringify({ user: 'a', auth: { jwt: 'SECRET11jwt' } }));
});
