// Run by npm_test.go through the @wsrun/cli command: wsrun's exit code 1 must reach the caller.
test('fails', () => {
  expect(1 + 1).toBe(3);
});
