// Run by TestInterruptRunsHooks: the test never ends by itself; on SIGINT its afterEach and
// afterAll hooks must still reach the server the Go test runs.
let conn;
beforeAll(async () => {
  conn = await ws.connect(process.env.GOODBYE_URL);
});
afterEach(async () => {
  conn.send('goodbye from afterEach');
  await sleep(50);
});
afterAll(async () => {
  conn.send('goodbye from afterAll');
  await conn.close();
});
test('waits for a signal', async () => {
  conn.send('started');
  await sleep(60000);
});
