// merge-reports fixture: fails on its first attempt, passes on the retry (run with --retries 1).
let attempts = 0;
test('passes on the retry', () => {
  attempts++;
  expect(attempts).toBe(2);
});
test('steady', () => {});
