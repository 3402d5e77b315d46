// Imported for its side effect: it declares a test. It must run although the package.json
// says the package has no side effects.
test('shared suite fails', () => {
  expect(1).toBe(2);
});
