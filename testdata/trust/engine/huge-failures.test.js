// Failures of huge values: each test must fail at once with a short message, not run into its
// timeout while wsrun builds the message (which then blamed the script for an endless loop).
const objects = (n, s) => Array.from({ length: n }, (_, i) => ({ i, s }));
const lines = (n, p) => Array.from({ length: n }, (_, i) => p + i).join('\n');

test('toBe of arrays of 10,000 objects', () => { expect(objects(10000, 'x')).toBe(objects(10000, 'y')); });
test('toEqual of arrays of 100,000 objects', () => { expect(objects(100000, 'x')).toEqual(objects(100000, 'y')); });
test('toBe of 5 MB strings', () => { expect('a'.repeat(5e6)).toBe('a'.repeat(5e6 - 1) + 'b'); });
test('toBe of 40,000 lines, all different', () => { expect(lines(40000, 'l')).toBe(lines(40000, 'm')); });
test('toBe of 40,000 lines, three different', () => {
  const y = lines(40000, 'l').split('\n');
  y[100] = 'changed'; y[30000] = 'another'; y.splice(20000, 0, 'inserted');
  expect(lines(40000, 'l')).toBe(y.join('\n'));
});
test('toMatchObject of 100,000 objects', () => { expect({ list: objects(100000, 'x') }).toMatchObject({ list: objects(100000, 'y') }); });
test('toContainEqual in 100,000 objects', () => { expect(objects(100000, 'x')).toContainEqual({ i: -1 }); });
test('toHaveBeenCalledWith huge arguments', () => {
  const f = jest.fn();
  f(objects(100000, 'x'), 'x'.repeat(5e6));
  f(objects(100000, 'y'));
  expect(f).toHaveBeenCalledWith(objects(100000, 'z'), 'y');
});
test('toEqual of 100,000 objects, one different', () => {
  const b = objects(100000, 'x');
  b[50000] = { i: 50000, s: 'y' };
  expect({ list: objects(100000, 'x') }).toEqual({ list: b });
});
test('toHaveProperty of an object of 100,000 keys', () => {
  const big = {};
  for (let i = 0; i < 100000; i++) big['k' + i] = i;
  expect(big).toHaveProperty('nope');
});
test('toEqual of objects with a 30,000-character string differing at its end', () => {
  expect({ a: 'x'.repeat(30000) + '1', b: 1 }).toEqual({ a: 'x'.repeat(30000) + '2', b: 1 });
});
test('toEqual of a string of a million lines', () => { const x = 'l\n'.repeat(1e6); expect({ x }).toEqual({ x: x + 'z' }); });

test('loops', () => { while (true) {} }, 300);
test('a failure after an interrupt', () => { expect(1).toBe(2); });
