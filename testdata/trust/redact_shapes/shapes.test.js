// Secrets in shapes the redactor once missed (trust_redact_test.go): every value that starts
// with SECRET sits under a secret name, and no output of the run may show one.
import { socketio } from 'wsrun/socketio';

const echo = () => ws.serve({}, (c) => c.on('message', (m) => c.send(m)));

test('a URL with encoded and bracketed names', async () => {
  await ws.connect('ws://127.0.0.1:1/?%74oken=SECRET1encoded&token[]=SECRET2array&user%5Bpassword%5D=SECRET3form&room=lobby');
});

test('JSON with escapes before and inside names', async () => {
  const srv = await echo();
  const conn = await ws.connect(srv.url);
  conn.send('{"t\\u006fken":"SECRET4escaped","user":"visible-user"}');
  console.log(JSON.stringify({ log: 'GET /login\ntoken=SECRET5newline\tpassword: SECRET6tab' }));
  await conn.expect({ never: 'arrives' }, { timeout: 200 });
});

// The test waits for the server's handler to log: the client's connect can resolve first.
test('credential headers', async () => {
  let logged;
  const serverLogged = new Promise((resolve) => { logged = resolve; });
  const srv = await ws.serve({
    http: () => ({ headers: { 'Set-Cookie': 'sid=SECRET7setcookie; HttpOnly' }, body: 'ok' }),
  }, (c, req) => { console.log('server saw', { 'x-api-key': req.headers['x-api-key'] }); logged(); });
  const res = await fetch(srv.url.replace('ws:', 'http:') + 'login');
  const seen = { 'set-cookie': res.headers.get('set-cookie') };
  console.log(seen);
  await ws.connect(srv.url, { headers: { 'X-Api-Key': 'SECRET8apikey' } });
  await serverLogged;
  expect(seen).toEqual({ 'set-cookie': 'sid=other' });
});

// A line longer than a code frame shows is cut around the failing column; the cut must
// not separate a secret from its name.
test('a cut code frame', () => { const config = { user: 'visible-user', token: 'SECRET9frame' }; const filler = 'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy'; throw new Error('boom ' + filler.length); });

// toHaveProperty names the property on one line and prints its values on others. (The
// values are built so that the code frame, which shows source, holds no whole secret.)
test('toHaveProperty of a secret', () => {
  const received = { user: { name: 'visible-user', password: 'SEC' + 'RET10received' } };
  expect(received).toHaveProperty('user.password', 'SEC' + 'RET11expected');
});

// JSON in a binary frame after a type byte that is not UTF-8: the reports show it in hex,
// the traces in base64.
test('JSON after a binary type byte', async () => {
  const srv = await echo();
  const conn = await ws.connect(srv.url);
  const json = new TextEncoder().encode(JSON.stringify({ token: 'SECRET12binary' }));
  const frame = new Uint8Array(json.length + 1);
  frame[0] = 0xff;
  frame.set(json, 1);
  conn.send(frame);
  await conn.expect({ never: 'arrives' }, { timeout: 200 });
});

// A TypeError about an argument describes the value it got: under a secret option's name,
// the value is hidden. (A token passed as auth itself, not as { token }, is an easy slip.)
test('a TypeError about a secret option', async () => {
  await socketio.connect('http://127.0.0.1:1/', { auth: 'SEC' + 'RET13option' });
});

// Credentials in XML (XMPP over WebSocket) and under names off SPEC's list that carry them
// just as well (authToken in a GraphQL connection_init).
test('XML and other credential names', async () => {
  const srv = await echo();
  const conn = await ws.connect(srv.url);
  conn.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>SECRET14xml</auth>");
  conn.send({ type: 'connection_init', payload: { authToken: 'SECRET15authtoken', user: 'visible-user' } });
  await conn.expect({ never: 'arrives' }, { timeout: 200 });
});

// Jest prints a string's line breaks as they are: a multi-line secret (a PEM key) spans
// lines of the diff, each of which must be hidden.
test('a multi-line secret in a diff', () => {
  const key = '-----BEGIN PRIVATE KEY-----\n' + 'SEC' + 'RET16line2\n' + 'SEC' + 'RET17line3\n-----END PRIVATE KEY-----';
  expect({ user: 'visible-user', private_key: key }).toEqual({ user: 'visible-user', private_key: key + '\n' });
});

// A long line of a diff is shown around its change: the excerpt keeps the line's key, by
// which the secret is found.
test('a long secret cut around its change in a diff', () => {
  const long = 'x'.repeat(30000) + 'SEC' + 'RET18long';
  expect({ user: 'visible-user', token: long + '1' }).toEqual({ user: 'visible-user', token: long + '2' });
});

// Values too large to diff are printed on one line each, with where they first differ:
// that path names the secret, its value lines do not.
test('values too large to diff that first differ under a secret name', () => {
  const list = Array.from({ length: 50000 }, (_, i) => i);
  expect({ list, auth: { pin: 'SEC' + 'RET19first1' } }).toEqual({ list, auth: { pin: 'SEC' + 'RET19first2' } });
});

// Two long strings are shown around their first difference: the excerpt starts at the
// name of the JSON member the difference lies in, so that the secret keeps its name.
test('a long JSON text whose token differs deep inside', () => {
  const sig = 'c'.repeat(150) + 'SEC' + 'RET20excerpt';
  expect(JSON.stringify({ pad: 'p'.repeat(25000), token: sig + '1' })).toBe(JSON.stringify({ pad: 'p'.repeat(25000), token: sig + '2' }));
});

// A secret longer than the excerpt, differing in its middle: the excerpt starts inside the
// value, far past its name, so the name is shown before it ("token":"…), by which the secret
// is found. (The secret's parts are built so that the code frame holds no whole one.)
test('a long JSON text whose long token differs in its middle', () => {
  const sig = 'c'.repeat(1500) + 'SEC' + 'RET21middle' + 'd'.repeat(1500);
  expect(JSON.stringify({ pad: 'p'.repeat(25000), token: sig + '1' })).toBe(JSON.stringify({ pad: 'p'.repeat(25000), token: sig.replace('d', 'e') + '1' }));
});

// The same in a URL parameter: token=… before the excerpt.
test('a long URL whose long token differs in its middle', () => {
  const sig = 'c'.repeat(1500) + 'SEC' + 'RET22param' + 'd'.repeat(1500);
  const url = (t) => '/' + 'p'.repeat(25000) + '?room=1&token=' + t + '&z=1';
  expect(url(sig)).toBe(url(sig.replace('d', 'e')));
});
