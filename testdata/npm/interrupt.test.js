// Run by npm_test.go through the @wsrun/cli command, which is interrupted while the test sleeps:
// the afterAll hook must still run, however many copies of the signal reach wsrun. It fails on
// purpose, so that the output shows it ran.
afterAll(async () => {
  await sleep(1000);
  throw new Error('afterAll ran');
});

test('sleeps until interrupted', async () => {
  await fetch(process.env.STARTED_URL); // tells the Go test that the signal may come
  await sleep(20000);
});
