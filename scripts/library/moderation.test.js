// A JavaScript suite sharing the same steps: JavaScript imports TypeScript files and the
// package alike.
import { heard, saw, say } from '@acme/chat-steps';
import { room } from './lib/room';
import { KICKED, startChatServer } from './lib/server';

let server;
beforeAll(async () => {
  server = await startChatServer();
});
afterAll(() => server.close());

test('the moderator kicks a user, and the room is told', async () => {
  const { moderator, troll, alice } = await room(server, 'moderator', 'troll', 'alice');
  moderator.conn.send({ type: 'kick', name: 'troll' });
  await troll.conn.expectClose({ code: KICKED, reason: 'kicked' });
  await saw(alice.conn, 'left', 'troll');
});

test('only the moderator kicks', async () => {
  const { alice, bob } = await room(server, 'alice', 'bob');
  alice.conn.send({ type: 'kick', name: 'bob' });
  await alice.conn.expect({ type: 'error', reason: expect.stringContaining('moderator') });
  say(bob.conn, 'still here');
  await heard(alice.conn, 'bob', 'still here');
});
