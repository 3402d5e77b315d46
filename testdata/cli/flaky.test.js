let attempts = 0;
test('passes on the third attempt', () => {
  attempts++;
  expect(attempts).toBe(3);
});
test('retries from the test option', () => {
  globalThis.second = (globalThis.second || 0) + 1;
  expect(globalThis.second).toBe(2);
}, { retries: 1 });
