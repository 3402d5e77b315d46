// A file where every wait is awaited, or handed to something awaited: it must pass whole.
let server;
beforeAll(async () => {
  server = await ws.serve((conn) => conn.on('message', (m) => conn.send({ echo: m })));
});
afterAll(() => server.close());

test('awaited one by one', async () => {
  const conn = await ws.connect(server.url);
  await conn.request('a', { echo: 'a' });
  conn.send('b');
  await conn.expectNext({ echo: 'b' });
  await conn.expectNone({ echo: 'c' }, { within: 20 });
  await conn.ping();
  await expect(conn.request('d', { echo: 'd' })).resolves.toEqual({ echo: 'd' });
});

test('started first, awaited later', async () => {
  const conn = await ws.connect(server.url);
  const closed = conn.expectClose();
  const all = conn.expectAll([{ echo: 'one' }, { echo: 'two' }]);
  conn.send('two');
  conn.send('one');
  await all;
  await conn.close();
  await closed;
});

test('done callback called when the wait settled', (done) => {
  ws.connect(server.url).then((conn) => {
    conn.request('x', { echo: 'x' }).then(() => done(), done);
  });
});

test('fire-and-forget sleep is fine', async () => {
  setTimeout(() => {}, 50);
});
