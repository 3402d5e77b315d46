// Every test here asserts something true, as Jest 29 judges it: each must pass (the control
// of wrong.test.js, so that a fix there does not make equal values unequal).

test('an undefined property on an array is ignored by toEqual', () => {
  expect(Object.assign([1], { x: undefined })).toEqual([1]);
});
test('arrays with equal extra properties are equal', () => {
  expect(Object.assign([1, 2], { x: { y: 1 } })).toStrictEqual(Object.assign([1, 2], { x: { y: 1 } }));
  expect(Object.assign([1], { x: 5 })).toEqual(Object.assign([1], { x: expect.any(Number) }));
});
test('sparse arrays, long arrays and typed arrays still compare by element', () => {
  expect([, 1]).toEqual([undefined, 1]);
  const long = Array.from({ length: 2000 }, (_, i) => i);
  expect(long).toEqual(Array.from({ length: 2000 }, (_, i) => i));
  expect(new Uint8Array([1, 2])).toEqual(new Uint8Array([1, 2]));
  expect(['a', 'b']).toMatchObject(['a', 'b']);
});
class Bag {
  constructor(name, items) { this.name = name; this.items = items; }
  *[Symbol.iterator]() { yield* this.items; }
}
test('iterables with equal fields are equal', () => {
  expect(new Bag('a', [1])).toEqual(new Bag('a', [1]));
  expect(new URLSearchParams('a=1&b=2')).toEqual(new URLSearchParams('a=1&b=2'));
  expect(new Set([1])).toEqual(new Set([1]));
  expect(new Map([[1, { a: 1 }]])).toEqual(new Map([[1, { a: 1 }]]));
});
test('mock calls with arrays and iterables match when equal', () => {
  const f = jest.fn();
  f([1, 2], new Bag('a', [1]));
  expect(f).toHaveBeenCalledWith([1, 2], new Bag('a', [1]));
  expect(f).toHaveBeenCalledWith(expect.arrayContaining([2]), expect.anything());
});
