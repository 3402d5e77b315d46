// A JSON chat served by ws.serve in each test, for the HTML report: frames both ways, a
// ping, a binary frame, a close with a code, and one expect that fails with a diff.

async function chatServer() {
  const server = await ws.serve({ path: '/chat' }, (conn, req) => {
    const user = req.query.user;
    conn.send({ type: 'welcome', user, room: 'lobby' });
    conn.on('message', (msg) => {
      if (msg.type === 'say') {
        for (const c of server.connections) c.send({ type: 'message', from: user, text: msg.text });
      }
    });
  });
  return server;
}

test('alice and bob chat', async () => {
  const server = await chatServer();
  const alice = await ws.connect(server.url + '?user=alice', { name: 'alice' });
  await alice.expect({ type: 'welcome', user: 'alice' });
  const bob = await ws.connect(server.url + '?user=bob', { name: 'bob' });
  await bob.expect({ type: 'welcome' });
  alice.send({ type: 'say', text: 'hi bob' });
  await bob.expect({ type: 'message', from: 'alice', text: 'hi bob' });
  await alice.ping();
  // Frames are shown as text nodes: this one must not run as a script in the report.
  bob.send({ type: 'say', text: '</script><script>alert(1)</script><img src=x onerror=alert(2)>' });
  await alice.expect({ type: 'message', from: 'bob' });
  // The room is wrong: this expect times out with the closest message's diff.
  await alice.expect({ type: 'message', from: 'bob', room: 'general' }, { timeout: 300 });
});

test('a binary frame and a close code', async () => {
  const server = await ws.serve({}, (conn) => {
    conn.on('message', (m) => conn.send(m));
  });
  const c = await ws.connect(server.url, { name: 'carol', parse: 'text' });
  c.send(new Uint8Array([0, 1, 2, 250, 255]));
  await c.expect(expect.anything());
  await c.close(4000, 'bye');
  await server.close(); // its side of the close is in the conversation, every run
});

test('<b>not bold</b> is a test name', () => {
  console.log('<i>not italic</i> either');
});

test.skip('later', () => {});
