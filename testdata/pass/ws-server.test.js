test('expectConnection, broadcast, connections, close with 1001', async () => {
  const server = await ws.serve();
  expect(server.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/$/);
  expect(server.port).toBeGreaterThan(0);
  const a = await ws.connect(server.url, { name: 'a' });
  const sa = await server.expectConnection();
  const b = await ws.connect(server.url, { name: 'b' });
  const sb = await server.expectConnection();
  expect(server.connections.length).toBe(2);
  server.broadcast({ news: 1 });
  await a.expect({ news: 1 });
  await b.expect({ news: 1 });
  a.send('from a');
  expect(await sa.expect('from a')).toBe('from a');
  sb.send({ only: 'b' });
  await b.expect({ only: 'b' });
  await a.expectNone({ only: 'b' }, { within: 30 });
  await server.close();
  expect((await a.expectClose()).code).toBe(1001);
});

test('verify refuses an upgrade with a status and body', async () => {
  const server = await ws.serve({
    verify: (req) => req.query.token === 'good' || { status: 401, body: 'bad token' },
  });
  const ok = await ws.connect(server.url + '?token=good');
  expect(ok.closed).toBe(false);
  const err = await ws.connect(server.url + '?token=bad').catch((e) => e);
  expect(err.message).toBe(`connect ${server.url}?token=bad: server answered 401 Unauthorized: bad token`);
  expect(err.status).toBe(401);
  expect(err.body).toBe('bad token');
  expect(typeof err.headers).toBe('object');
});

test('a server answers the path it was given and refuses others', async () => {
  const server = await ws.serve({ path: '/only' });
  expect(server.url.endsWith('/only')).toBe(true);
  await expect(ws.connect(server.url.replace('/only', '/other'))).rejects.toMatchObject({ status: 404 });
});

describe('what beforeAll opens lives until afterAll', () => {
  let server, client;
  beforeAll(async () => {
    server = await ws.serve((conn) => conn.on('message', (m) => conn.send(m)));
    client = await ws.connect(server.url);
  });
  test('first test uses it', async () => {
    expect(await client.request('one', 'one')).toBe('one');
  });
  test('second test still has it', async () => {
    expect(client.closed).toBe(false);
    expect(await client.request('two', 'two')).toBe('two');
  });
});

let fromLastTest;
test('a connection opened in a test...', async () => {
  const server = await ws.serve();
  fromLastTest = await ws.connect(server.url);
});
test('...is closed after it', async () => {
  expect(fromLastTest.closed).toBe(true);
  expect(() => fromLastTest.send('x')).toThrow('closed when the test');
});

test('expectConnection times out when no client comes', async () => {
  const server = await ws.serve();
  await expect(server.expectConnection({ timeout: 50 })).rejects.toThrow(
    `expectConnection timed out after 50ms: no client connected to ${server.url}`,
  );
});
