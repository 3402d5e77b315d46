test('fails first', () => {
  expect('bail').toBe('stop');
});
test('never runs', () => {});
