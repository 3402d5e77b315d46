test('soft assertions collect every failure', () => {
  expect.soft(1 + 1).toBe(3);
  expect.soft('abc').toContain('z');
  console.log('the test went on');
});

test('expect.assertions counts', async () => {
  expect.assertions(2);
  expect(true).toBe(true);
});
