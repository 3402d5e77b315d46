// A test that timed out can still settle later, while its afterEach hooks run; that must not
// end the hooks' run (it did: the afterEach failed as "never finished").
const log = [];
afterEach(async () => {
  await sleep(300);
  log.push('afterEach done');
});

test('times out while sleeping', async () => {
  await sleep(200);
}, 100);

test('the afterEach of the test before finished', () => {
  expect(log).toEqual(['afterEach done']);
});
