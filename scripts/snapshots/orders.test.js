// Snapshotting a whole conversation: the scripted server below takes orders and answers with
// generated ids and timestamps. Instead of one expect per message, the test snapshots the
// transcript, with the fields that change from run to run replaced by property matchers.
// The first run writes __snapshots__/orders.test.js.snap; review it and commit it. After a
// deliberate change of the protocol, run `wsrun -u scripts/snapshots` and review the diff.

let server;

beforeAll(async () => {
  let orders = 0;
  server = await ws.serve({ path: '/orders' }, (conn) => {
    const session = Math.random().toString(36).slice(2);
    conn.send({ type: 'hello', sessionId: session, at: Date.now() });
    conn.on('message', (msg) => {
      if (msg.type !== 'order') {
        conn.send({ type: 'error', reason: `unknown message type ${msg.type}` });
        return;
      }
      const orderId = `ord-${(++orders * 2654435761 % 2 ** 32).toString(16).padStart(8, '0')}`;
      conn.send({ type: 'accepted', orderId, item: msg.item, qty: msg.qty, at: Date.now() });
      setTimeout(() => conn.send({ type: 'ready', orderId, at: Date.now() }), 5 * msg.qty);
    });
  });
});

afterAll(() => server.close());

// volatile returns the property matchers for one message: what changes from run to run is
// checked by kind (a string of the right shape, a number) and stored in the snapshot as
// the matcher, not as this run's value.
function volatile(msg) {
  const matchers = {};
  if ('sessionId' in msg) matchers.sessionId = expect.any(String);
  if ('orderId' in msg) matchers.orderId = expect.stringMatching(/^ord-[0-9a-f]{8}$/);
  if ('at' in msg) matchers.at = expect.any(Number);
  return matchers;
}

test('an order is accepted, then ready', async () => {
  const conn = await ws.connect(server.url);
  await conn.expect({ type: 'hello' });
  conn.send({ type: 'refund', item: 'espresso' });
  conn.send({ type: 'order', item: 'espresso', qty: 2 });
  await conn.expect({ type: 'ready' });

  const transcript = conn.messages.map((m) => m.data);
  expect(transcript).toMatchSnapshot(transcript.map(volatile));
});

test('what the client sent, with a hint naming the snapshot', async () => {
  const conn = await ws.connect(server.url);
  conn.send({ type: 'order', item: 'tea', qty: 1 });
  await conn.expect({ type: 'ready' });
  expect(conn.sent.map((m) => m.data)).toMatchSnapshot('sent');
});
