// A late error that lands in a test with retries is not retried away: when the retry passes,
// the error still fails the file.
import ws from 'wsrun/ws';

let server, conn, serverSide, attempts = 0;
beforeAll(async () => {
  server = await ws.serve();
  conn = await ws.connect(server.url);
  serverSide = await server.expectConnection();
  serverSide.on('message', (m) => serverSide.send('echo:' + m));
});

test('leaves a handler', () => {
  conn.once('message', 'echo:one', () => { throw new Error('late, under a retried test'); });
});
test('retried', async () => {
  attempts++;
  if (attempts === 1) {
    conn.send('one');
    await conn.expect('echo:one');
  }
}, { retries: 1 });

test('leaves a soft expect', () => {
  conn.once('message', 'echo:two', (m) => { expect.soft(m).toBe('soft, under a retried test'); });
});
let softAttempts = 0;
test('retried after a late soft failure', async () => {
  softAttempts++;
  if (softAttempts === 1) {
    conn.send('two');
    await conn.expect('echo:two');
  }
}, { retries: 1 });
