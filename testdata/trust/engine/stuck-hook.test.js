// Run by TestSecondInterruptExitsAtOnce and TestStuckHookIsCutOff: an afterEach hook that
// never ends.
afterEach(() => new Promise(() => { setInterval(() => {}, 1000); }));
test('waits for a signal', async () => {
  const conn = await ws.connect(process.env.GOODBYE_URL);
  conn.send('started');
  await sleep(60000);
});
