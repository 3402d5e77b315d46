// A wait nobody awaited that the connection's close rejects while the test still runs is an
// unhandled rejection, as before; a wait the test awaited before it timed out leaves no noise
// in the next test.
let server;
beforeAll(async () => {
  server = await ws.serve((conn) => {
    conn.on('message', (m) => {
      if (m === 'bye') setTimeout(() => conn.close(4001, 'bye'), 20);
    });
  });
});
afterAll(() => server.close());

test('closed while a forgotten wait is pending', async () => {
  const conn = await ws.connect(server.url, { name: 'eve' });
  conn.expect({ type: 'never' });
  conn.send('bye');
  await conn.expectClose({ code: 4001 });
});

test('timed out while awaiting', async () => {
  const conn = await ws.connect(server.url, { name: 'frank' });
  await conn.expect({ type: 'never' }, { timeout: 400 });
}, 100);

test('control: runs after both, hears nothing of them', async () => {
  await new Promise((resolve) => setTimeout(resolve, 500));
});
