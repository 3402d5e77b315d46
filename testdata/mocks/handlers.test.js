// Mock functions as ws handlers, through real sockets: a mock records what a handler receives,
// a spy watches a real method while it keeps working, and restoreAllMocks puts it back.
import { fn, spyOn } from 'wsrun';

const room = {
  log: [],
  record(m) {
    this.log.push(m.text);
    return this.log.length;
  },
};

afterEach(() => jest.restoreAllMocks());

test('a mock as an on("message") handler records each message', async () => {
  const server = await ws.serve((conn) => {
    conn.on('message', (m) => conn.send({ echo: m.text }));
  });
  const client = await ws.connect(server.url);
  const onMessage = fn().mockName('onMessage');
  client.on('message', onMessage);
  client.send({ text: 'hi' });
  client.send({ text: 'there' });
  await client.expect({ echo: 'there' });
  expect(onMessage).toHaveBeenCalledTimes(2);
  expect(onMessage).toHaveBeenNthCalledWith(1, { echo: 'hi' });
  expect(onMessage).toHaveBeenLastCalledWith(expect.objectContaining({ echo: expect.stringMatching(/^th/) }));
  expect(onMessage).not.toHaveBeenCalledWith({ echo: 'bye' });
  expect(onMessage.mock.calls).toEqual([[{ echo: 'hi' }], [{ echo: 'there' }]]);
});

test('a spy on a server handler keeps the original working', async () => {
  const record = spyOn(room, 'record');
  const server = await ws.serve((conn) => {
    conn.on('message', (m) => conn.send({ n: room.record(m) }));
  });
  const client = await ws.connect(server.url);
  client.send({ text: 'one' });
  await client.expect({ n: 1 });
  expect(record).toHaveBeenCalledWith({ text: 'one' });
  expect(record).toHaveReturnedWith(1);
  expect(record.mock.contexts[0]).toBe(room);
  expect(room.log).toEqual(['one']);
});

test('restoreAllMocks in afterEach put the method back', () => {
  expect(jest.isMockFunction(room.record)).toBe(false);
  expect(vi.isMockFunction(vi.fn())).toBe(true);
});

test('fn and spyOn are imports, not globals', () => {
  expect(typeof globalThis.fn).toBe('undefined');
  expect(typeof globalThis.spyOn).toBe('undefined');
  expect(typeof fn).toBe('function');
});

test('a handler mock that answers with mockReturnValueOnce', async () => {
  const reply = vi.fn().mockReturnValueOnce({ first: true }).mockReturnValue({ first: false });
  const server = await ws.serve((conn) => {
    conn.on('message', (m) => conn.send(reply(m)));
  });
  const client = await ws.connect(server.url);
  client.send('a');
  await client.expect({ first: true });
  client.send('b');
  await client.expect({ first: false });
  expect(reply.mock.results.map((r) => r.type)).toEqual(['return', 'return']);
});

test('what Jest and Vitest have beyond mocks and spies says that wsrun lacks it', () => {
  expect(() => jest.useFakeTimers()).toThrow(
    'jest.useFakeTimers is not available in wsrun: fake timers are not supported; tests run in real time');
  expect(() => vi.mock('./api')).toThrow('vi.mock is not available in wsrun: module mocking is not supported');
  expect(() => jest.setTimeout(10000)).toThrow('jest.setTimeout is not available in wsrun: set the test timeout');
});
