// .only.each selects its rows as .only selects a test.
test.only.each([[1], [2]])('only row %i', (n) => {
  expect(n).toBe(1);
});

test('left out by only', () => {
  throw new Error('ran although another test has .only');
});
