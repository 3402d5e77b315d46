// Handlers and promises a test leaves on a connection that outlives it (opened in beforeAll)
// can throw after the test ended. Each error must fail the test that is running then, saying
// which test left it behind; none may vanish. Each "leaves" test arms something that a message
// only the next test sends sets off, so the error lands in that next test, deterministically.
import ws from 'wsrun/ws';

let server, conn, serverSide;
beforeAll(async () => {
  server = await ws.serve();
  conn = await ws.connect(server.url);
  serverSide = await server.expectConnection();
  serverSide.on('message', (m) => serverSide.send('echo:' + m));
});

test('leaves a handler', () => {
  conn.on('message', 'echo:one', (m) => { expect(m).toBe('something else'); });
});
test('gets the handler error', async () => {
  conn.send('one');
  await conn.expect('echo:one');
});

test('leaves a promise', () => {
  new Promise((resolve) => conn.once('message', 'echo:two', resolve)).then(() => {
    throw new Error('rejected after its test');
  });
});
test('gets the rejection', async () => {
  conn.send('two');
  await conn.expect('echo:two');
});

test('leaves a soft expect', () => {
  conn.on('message', 'echo:three', (m) => { expect.soft(m).toBe('soft and late'); });
});
test('gets the soft failure', async () => {
  conn.send('three');
  await conn.expect('echo:three');
});

test('leaves its done callback', (done) => {
  conn.on('message', 'echo:four', () => done(new Error('done called late')));
  done();
});
test('gets the late done', async () => {
  conn.send('four');
  await conn.expect('echo:four');
});

test('leaves a server-side handler', () => {
  serverSide.on('message', 'five', () => { throw new Error('server handler, late'); });
});
test('gets the server handler error', async () => {
  conn.send('five');
  await conn.expect('echo:five');
});

// Not late: a handler a test puts on a longer-lived connection that fails while the test
// runs fails it as before, with no note about an earlier test.
test('own handler on a shared connection', async () => {
  const off = conn.on('message', 'echo:six', (m) => { expect(m).toBe('mine'); });
  conn.send('six');
  await conn.expect('echo:six');
  off();
});

// Not late either: a test that removes what it added leaves nothing behind.
test('cleans up after itself', () => {
  const off = conn.on('message', 'echo:seven', () => { throw new Error('never'); });
  off();
});
test('runs clean', async () => {
  conn.send('seven');
  await conn.expect('echo:seven');
});

// Not late: a test's own timer that calls a helper declared after an earlier test. Where the
// code is would name that earlier test; the timer is this test's, so it fails plainly.
function helper() { throw new Error('helper of the test below'); }
test('own timer calls a helper', async () => {
  setTimeout(helper, 0);
  await sleep(1000);
});

// A handler left behind that throws at every message of a flood: the test that gets them
// fails with the first ten and a count of the rest, and gets all of its messages.
test('leaves a handler that throws at every message', () => {
  conn.on('message', /^echo:flood/, (m) => { throw new Error('late ' + m); });
});
test('gets a flood of them', async () => {
  for (let i = 0; i < 50; i++) conn.send('flood' + i);
  await conn.expect('echo:flood49');
});
