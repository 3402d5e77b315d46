// ws.serve's Server through the binary. Tests named "fails: …" must fail; the others pass.

// A pending expectConnection used to wait out its whole timeout once the server was closed,
// then say "no client connected", as if a client had been late.
test('fails: a pending expectConnection fails when the server closes', async () => {
  const server = await ws.serve();
  const waiting = server.expectConnection({ timeout: 60000 });
  setTimeout(() => server.close(), 20);
  await waiting;
}, 5000);

test('fails: expectConnection after server.close() fails at once', async () => {
  const server = await ws.serve();
  await server.close();
  await server.expectConnection({ timeout: 60000 });
}, 5000);

test('a client that connected before server.close() is still handed over', async () => {
  const server = await ws.serve();
  const client = await ws.connect(server.url);
  await sleep(50);
  await server.close();
  await server.expectConnection({ timeout: 1000 });
  await client.expectClose({ code: 1001 });
});
