// A TypeScript suite built from shared steps: the package @acme/chat-steps and the files in
// lib/.
import { heard, join, saw, say } from '@acme/chat-steps';
import type { Server } from 'wsrun/ws';
import { room } from './lib/room';
import { startChatServer } from './lib/server';

let server: Server;
beforeAll(async () => {
  server = await startChatServer();
});
afterAll(() => server.close());

test('a newcomer sees who is in the room, and is announced', async () => {
  const { alice } = await room(server, 'alice');
  const bob = await join(server.url, 'bob');
  expect(bob.users).toEqual(['alice', 'bob']);
  await saw(alice.conn, 'joined', 'bob');
});

test('everyone hears what is said', async () => {
  const { alice, bob } = await room(server, 'alice', 'bob');
  say(alice.conn, 'hi bob');
  await heard(bob.conn, 'alice', 'hi bob');
  await heard(alice.conn, 'alice', 'hi bob');
});

test('leaving is announced', async () => {
  const { alice, bob } = await room(server, 'alice', 'bob');
  await bob.conn.close();
  await saw(alice.conn, 'left', 'bob');
});
