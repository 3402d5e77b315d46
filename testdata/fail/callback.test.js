test('an exception in a timer callback fails the test', async () => {
  setTimeout(() => {
    null.field;
  }, 1);
  await sleep(50);
});
