// An error a test left behind that surfaces while no test runs (in a hook) fails the file,
// as an afterAll failure does; the hook itself runs to its end.
import ws from 'wsrun/ws';

let server, conn, serverSide;
const log = [];
beforeAll(async () => {
  server = await ws.serve();
  conn = await ws.connect(server.url);
  serverSide = await server.expectConnection();
  serverSide.on('message', (m) => serverSide.send('echo:' + m));
});

describe('in a beforeEach', () => {
  beforeEach(async () => {
    if (log.length === 0) return;
    conn.send('one');
    await conn.expect('echo:one');
    log.push('beforeEach done');
  });
  test('leaves a handler', () => {
    log.push('first');
    conn.on('message', 'echo:one', (m) => { expect(m).toBe('from beforeEach'); });
  });
  test('runs after the hook finished', () => {
    expect(log).toEqual(['first', 'beforeEach done']);
  });
});

test('leaves a handler for afterAll', () => {
  conn.on('message', 'echo:two', () => { throw new Error('thrown during afterAll'); });
});

afterAll(async () => {
  conn.send('two');
  await conn.expect('echo:two');
});
