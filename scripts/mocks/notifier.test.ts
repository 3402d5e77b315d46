// Mock functions in TypeScript: a mock stands in for a callback the code under test takes, a
// spy watches a real method, and the matchers check how they were called. The notifier sends
// each chat message on to a webhook and to whoever subscribed.
import { fn, spyOn, type Mock } from 'wsrun';
import type { Server } from 'wsrun/ws';

interface Chat {
  user: string;
  text: string;
}

const webhook = {
  async post(url: string, body: Chat): Promise<number> {
    return url.length + body.text.length; // stands for a real HTTP call
  },
};

// notifier relays every message the server receives to the webhook and the subscriber.
async function notifier(onChat: (chat: Chat) => void): Promise<Server> {
  return ws.serve((conn) => {
    conn.on('message', async (chat: Chat) => {
      onChat(chat);
      const status = await webhook.post('https://hooks.example/chat', chat).catch(() => 0);
      conn.send({ delivered: status > 0 });
    });
  });
}

afterEach(() => jest.restoreAllMocks());

test('each message reaches the subscriber and the webhook', async () => {
  const onChat: Mock<(chat: Chat) => void> = fn();
  const post = spyOn(webhook, 'post').mockResolvedValue(202);
  const server = await notifier(onChat);
  const client = await ws.connect(server.url);

  client.send({ user: 'ann', text: 'hi' });
  client.send({ user: 'bob', text: 'hello' });
  await client.expectAll([{ delivered: true }, { delivered: true }]);

  expect(onChat).toHaveBeenCalledTimes(2);
  expect(onChat).toHaveBeenNthCalledWith(1, { user: 'ann', text: 'hi' });
  expect(onChat).toHaveBeenLastCalledWith(expect.objectContaining({ user: 'bob' }));
  expect(post).toHaveBeenCalledWith('https://hooks.example/chat', { user: 'ann', text: 'hi' });
  expect(post.mock.calls.map(([, chat]) => chat.user)).toEqual(['ann', 'bob']);
});

test('a webhook that fails once: that message is not delivered, the next one is', async () => {
  // Once the queued rejection is used up, the spy calls the real method again.
  const post = vi.spyOn(webhook, 'post').mockRejectedValueOnce(new Error('503'));
  const server = await notifier(vi.fn());
  const client = await ws.connect(server.url);
  client.send({ user: 'ann', text: 'one' });
  client.send({ user: 'ann', text: 'two' });
  await client.expectAll([{ delivered: false }, { delivered: true }]);
  expect(post).toHaveBeenCalledTimes(2);
  expect(post.mock.results[0].type).toBe('return'); // a rejected promise is still a return
  await expect(post.mock.results[0].value).rejects.toThrow('503');
  await expect(post.mock.results[1].value).resolves.toBe(29);
});

test('restoreAllMocks put the real webhook back', async () => {
  expect(jest.isMockFunction(webhook.post)).toBe(false);
  await expect(webhook.post('u', { user: 'x', text: 'ab' })).resolves.toBe(3);
});

test('a spy on a getter', () => {
  const conn = { get open(): boolean { return true; } };
  const open = jest.spyOn(conn, 'open', 'get').mockReturnValue(false);
  expect(conn.open).toBe(false);
  expect(open).toHaveBeenCalledTimes(1);
});
