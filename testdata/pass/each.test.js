const seen = [];

test.each([
  [1, 1, 2],
  [2, 3, 5],
])('add(%i, %i) = %i', (a, b, sum) => {
  seen.push(`${a}+${b}`);
  expect(a + b).toBe(sum);
});

test.each([
  { name: 'alice', age: 30 },
  { name: 'bob', age: 25 },
])('$name is $age', ({ name, age }) => {
  expect(typeof name).toBe('string');
  expect(age).toBeGreaterThan(18);
});

describe.each([['ws'], ['wss']])('scheme %s', (scheme) => {
  test('is a websocket scheme', () => {
    expect(scheme.startsWith('ws')).toBe(true);
  });
});

test('every row ran', () => {
  expect(seen).toEqual(['1+1', '2+3']);
});
