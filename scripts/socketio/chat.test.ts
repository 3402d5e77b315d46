// A Socket.IO chat tested with wsrun/socketio. The suite brings its own server: a few lines
// of ws.serve that speak Engine.IO v4 and Socket.IO v5 frames (open packet, CONNECT with auth,
// events, acks), so it runs with nothing else installed. Against a real socket.io server, only
// the URL changes.
import { socketio } from 'wsrun/socketio';
import type { Connection, Server } from 'wsrun/ws';

let server: Server;
let url: string;
const members = new Map<Connection, string>();

// send writes one Socket.IO packet in an Engine.IO message frame: "4" + type + [id] + JSON.
function send(conn: Connection, type: number, data: unknown[], id?: number) {
  conn.send(`4${type}${id ?? ''}${JSON.stringify(data)}`);
}

function broadcast(event: string, ...args: unknown[]) {
  for (const conn of members.keys()) send(conn, 2, [event, ...args]);
}

beforeAll(async () => {
  let sids = 0;
  server = await ws.serve({ path: '/socket.io/', parse: 'text' }, async (conn) => {
    conn.send('0' + JSON.stringify({ sid: `engine${++sids}`, upgrades: [], pingInterval: 25000, pingTimeout: 20000, maxPayload: 1e6 }));
    const connect = (await conn.expect(/^40/)) as string;
    const auth = connect.length > 2 ? JSON.parse(connect.slice(2)) : {};
    if (auth.token !== 'letmein') {
      conn.send('44' + JSON.stringify({ message: 'not authorized' }));
      return;
    }
    conn.send('40' + JSON.stringify({ sid: `socket${sids}` }));
    members.set(conn, auth.user);
    conn.on('close', () => members.delete(conn));
    // Events: 42[name, ...args], or 42<id>[...] when the client waits for an ack (43<id>[...]).
    conn.on('message', /^42/, (frame: string) => {
      const m = /^42(\d*)(\[.*)$/s.exec(frame);
      if (!m) return;
      const [event, ...args] = JSON.parse(m[2]);
      const id = m[1] === '' ? undefined : Number(m[1]);
      if (event === 'join' && id !== undefined) {
        send(conn, 3, [{ ok: true, members: [...members.values()].sort() }], id);
        broadcast('joined', auth.user);
      } else if (event === 'say') {
        broadcast('said', { from: auth.user, text: args[0] });
      } else if (event === 'leave') {
        conn.send('41');
        void conn.close();
      }
    });
  });
  url = server.url.replace(/\/socket\.io\/$/, '');
});

afterAll(() => server.close());

test('a wrong token is refused with the server message', async () => {
  await expect(socketio.connect(url, { auth: { token: 'nope' } })).rejects.toThrow('not authorized');
});

test('join is acked with the member list, and everyone hears it', async () => {
  const ann = await socketio.connect(url, { auth: { token: 'letmein', user: 'ann' }, name: 'ann' });
  const bob = await socketio.connect(url, { auth: { token: 'letmein', user: 'bob' }, name: 'bob' });
  expect(ann.id).toMatch(/^socket\d+$/);
  const reply = await bob.emitWithAck<{ ok: boolean; members: string[] }>('join', 'lobby');
  expect(reply).toEqual({ ok: true, members: ['ann', 'bob'] });
  const [who] = await ann.expect('joined', ['bob']);
  expect(who).toBe('bob');
});

test('messages reach every member', async () => {
  const ann = await socketio.connect(url, { auth: { token: 'letmein', user: 'ann' }, name: 'ann' });
  const bob = await socketio.connect(url, { auth: { token: 'letmein', user: 'bob' }, name: 'bob' });
  const heard: string[] = [];
  bob.on('said', (msg: { text: string }) => heard.push(msg.text));
  ann.emit('say', 'hi bob');
  await bob.expect('said', [{ from: 'ann', text: 'hi bob' }]);
  await ann.expect('said', [expect.objectContaining({ from: 'ann' })]);
  expect(heard).toEqual(['hi bob']);
  await bob.expectNone('said', [{ from: 'carol' }], { within: 100 });
});

test('the server ends the session', async () => {
  const ann = await socketio.connect(url, { auth: { token: 'letmein', user: 'ann' } });
  ann.emit('leave');
  await ann.expectDisconnect({ reason: 'io server disconnect' });
  expect(ann.connected).toBe(false);
});
