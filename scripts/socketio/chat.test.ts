// A Socket.IO chat tested with wsrun/socketio. The suite brings its own server: a mock written
// with socketio.serve (Engine.IO v4 over WebSocket), so it runs with nothing else installed.
// Against a real socket.io server, only the URL changes. The same mock runs under
// `wsrun serve` for a browser app that connects with transports: ['websocket'].
import { socketio, type Server, type Socket } from 'wsrun/socketio';

let server: Server;
const members = new Map<Socket, string>();

beforeAll(async () => {
  server = await socketio.serve(
    { authorize: (auth) => auth.token === 'letmein' || 'not authorized' },
    (socket, { auth }) => {
      const user = String(auth.user);
      socket.on('join', (room: string, ack: (reply: unknown) => void) => {
        members.set(socket, user);
        ack({ ok: true, room, members: [...members.values()].sort() });
        server.emit('joined', user);
      });
      socket.on('say', (text: string) => server.emit('said', { from: user, text }));
      socket.on('leave', () => socket.close());
      socket.on('disconnect', () => members.delete(socket));
    },
  );
});

afterAll(() => server.close());

test('a wrong token is refused with the server message', async () => {
  await expect(socketio.connect(server.url, { auth: { token: 'nope' } })).rejects.toThrow('not authorized');
});

test('join is acked with the member list, and everyone hears it', async () => {
  const ann = await socketio.connect(server.url, { auth: { token: 'letmein', user: 'ann' }, name: 'ann' });
  const bob = await socketio.connect(server.url, { auth: { token: 'letmein', user: 'bob' }, name: 'bob' });
  await ann.emitWithAck('join', 'lobby');
  const reply = await bob.emitWithAck<{ ok: boolean; members: string[] }>('join', 'lobby');
  expect(reply).toEqual({ ok: true, room: 'lobby', members: ['ann', 'bob'] });
  const [who] = await ann.expect('joined', ['bob']);
  expect(who).toBe('bob');
});

test('messages reach every member', async () => {
  const ann = await socketio.connect(server.url, { auth: { token: 'letmein', user: 'ann' }, name: 'ann' });
  const bob = await socketio.connect(server.url, { auth: { token: 'letmein', user: 'bob' }, name: 'bob' });
  const heard: string[] = [];
  bob.on('said', (msg: { text: string }) => heard.push(msg.text));
  ann.emit('say', 'hi bob');
  await bob.expect('said', [{ from: 'ann', text: 'hi bob' }]);
  await ann.expect('said', [expect.objectContaining({ from: 'ann' })]);
  expect(heard).toEqual(['hi bob']);
  await bob.expectNone('said', [{ from: 'carol' }], { within: 100 });
});

test('binary arguments travel as attachments', async () => {
  const ann = await socketio.connect(server.url, { auth: { token: 'letmein', user: 'ann' } });
  ann.emit('say', new Uint8Array([137, 80, 78, 71]));
  const [msg] = await ann.expect('said', [{ from: 'ann', text: expect.any(Uint8Array) }]);
  expect(Array.from(msg.text)).toEqual([137, 80, 78, 71]);
});

test('the server ends the session', async () => {
  const ann = await socketio.connect(server.url, { auth: { token: 'letmein', user: 'ann' } });
  ann.emit('leave');
  await ann.expectDisconnect({ reason: 'io server disconnect' });
  expect(ann.connected).toBe(false);
});
