// Each test but the controls starts a wait and ends without awaiting it: each must fail,
// naming the call and where it was made. The controls must pass.
let server;
beforeAll(async () => {
  server = await ws.serve((conn) => {
    conn.on('message', (m) => {
      if (m === 'later') setTimeout(() => conn.send({ type: 'late' }), 300);
      else conn.send({ echo: m });
    });
  });
});
afterAll(() => server.close());

test('control: every wait awaited', async () => {
  const conn = await ws.connect(server.url, { name: 'alice' });
  conn.send('hi');
  await conn.expect({ echo: 'hi' });
  await conn.request('again', { echo: 'again' });
  await conn.ping();
});

test('expect not awaited', async () => {
  const conn = await ws.connect(server.url, { name: 'alice' });
  conn.send('later');
  conn.expect({ type: 'late' });
});

test('request not awaited', async () => {
  const conn = await ws.connect(server.url, { name: 'bob' });
  conn.request('later', { type: 'never' });
});

test('expectNone not awaited', async () => {
  const conn = await ws.connect(server.url);
  conn.expectNone({ type: 'error' }, { within: 500 });
});

test('expectClose not awaited', async () => {
  const conn = await ws.connect(server.url, { name: 'carol' });
  conn.expectClose({ code: 4000 });
});

test('ws.connect not awaited', () => {
  ws.connect(server.url);
});

test('expectConnection not awaited', async () => {
  const quiet = await ws.serve({ name: 'quiet' });
  quiet.expectConnection();
});

test('two waits forgotten', async () => {
  const conn = await ws.connect(server.url, { name: 'dave' });
  conn.expect('a');
  conn.expectAll(['b', 'c']);
});

test('ping not awaited', async () => {
  const conn = await ws.connect(server.url, { name: 'gina' });
  conn.ping();
});

test('control: Promise.all awaited', async () => {
  const a = await ws.connect(server.url, { name: 'a' });
  const b = await ws.connect(server.url, { name: 'b' });
  a.send('x');
  b.send('y');
  await Promise.all([a.expect({ echo: 'x' }), b.expect({ echo: 'y' })]);
});

test('control: a handled wait that settled', async () => {
  const conn = await ws.connect(server.url);
  const p = conn.expect({ echo: 'z' }).then((m) => m.echo);
  conn.send('z');
  expect(await p).toBe('z');
});

test('started in an on handler, not awaited', async () => {
  const conn = await ws.connect(server.url, { name: 'hank' });
  conn.on('message', () => {
    conn.expect({ type: 'follow-up' });
  });
  await conn.request('hi', { echo: 'hi' });
});
