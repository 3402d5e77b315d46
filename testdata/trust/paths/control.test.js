// The control file: it must pass whatever hostile file or path runs next to it.
test('control passes', () => {
  expect(1 + 1).toBe(2);
});
