const events = [];
afterEach(() => { events.push('afterEach'); });
afterAll(() => { console.log('afterAll ran after: ' + events.join(',')); });

test('runaway', () => {
  events.push('runaway');
  Promise.resolve().then(() => { globalThis.leakedJob = true; });
  setTimeout(() => { globalThis.leakedTimer = true; }, 0);
  while (true) {}
}, 300);

test('the next test runs in the same VM, with nothing of the runaway left', async () => {
  await sleep(20);
  expect(globalThis.leakedJob).toBeUndefined();
  expect(globalThis.leakedTimer).toBeUndefined();
  expect(events).toEqual(['runaway', 'afterEach']);
});
