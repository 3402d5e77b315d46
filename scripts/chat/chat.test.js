// A broadcast chat: users join with ?name=, the server announces arrivals and departures and
// relays "name: text" to everyone. The server is scripted here with ws.serve, so this suite
// runs anywhere; point CHAT_URL at a real server to test that one instead.

let server;
let url = process.env.CHAT_URL;

beforeAll(async () => {
  if (url) return;
  server = await ws.serve({ path: '/chat' }, (conn, req) => {
    const name = req.query.name || 'anonymous';
    server.broadcast(`${name} has connected`);
    conn.on('message', (text) => server.broadcast(`${name}: ${text}`));
    conn.on('close', () => {
      for (const other of server.connections) other.send(`${name} has disconnected`);
    });
  });
  url = server.url;
});

afterAll(() => server && server.close());

// join connects and waits for the server's announcement: the handshake finishing on the
// client does not mean the server has registered the user yet.
async function join(name) {
  const conn = await ws.connect(url, { query: { name }, name, parse: 'text' });
  await conn.expect(`${name} has connected`);
  return conn;
}

test('a user who joins is announced to everyone', async () => {
  const alice = await join('alice');
  await join('bob');
  await alice.expect('bob has connected');
});

test('a user answers when a broadcast arrives', async () => {
  const alice = await join('alice');
  const bob = await join('bob');
  // Alice greets whoever joins after her.
  alice.on(/has connected$/, (m) => {
    const who = m.replace(' has connected', '');
    if (who !== 'alice') alice.send(`welcome, ${who}`);
  });
  const carol = await join('carol');
  await carol.expect('alice: welcome, carol');
  await bob.expect('alice: welcome, carol');
});

test('two users talk concurrently and see each other leave', async () => {
  const [alice, bob] = await Promise.all([join('alice'), join('bob')]);
  alice.send('hi bob');
  bob.send('hi alice');
  await Promise.all([
    alice.expectAll(['alice: hi bob', 'bob: hi alice']),
    bob.expectAll(['alice: hi bob', 'bob: hi alice']),
  ]);
  await bob.close();
  await alice.expect('bob has disconnected');
});

test('a user never receives messages sent before they joined', async () => {
  const alice = await join('alice');
  alice.send('secret plans');
  await alice.expect('alice: secret plans');
  const eve = await join('eve');
  await eve.expectNone(/secret/, { within: 200 });
});
