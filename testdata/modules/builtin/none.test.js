// Imports no built-in module written in JavaScript: none is instantiated for it.
test('plain', () => {
  expect(1 + 1).toBe(2);
});
