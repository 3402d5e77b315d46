// Every test here asserts something false, as Jest 29 judges it: each must fail. A test that
// passes is a false green (trust_mocks_test.go names it).

// Arrays: Jest compares their other own properties as an object's.
test('toEqual sees a property set on an array', () => {
  expect(Object.assign([1], { x: 1 })).toEqual([1]);
});
test('toEqual sees a property the expected array has', () => {
  expect([1]).toEqual(Object.assign([1], { x: 1 }));
});
test('toEqual sees a RegExp match result\'s index and input', () => {
  expect('abc'.match(/b/)).toEqual(['b']);
});
test('toStrictEqual sees a property set on an array', () => {
  expect(Object.assign([1], { x: undefined })).toStrictEqual([1]);
});
test('toEqual sees a symbol property set on an array', () => {
  expect(Object.assign([1], { [Symbol('s')]: 1 })).toEqual([1]);
});
test('toHaveBeenCalledWith sees a property set on an array argument', () => {
  const f = jest.fn();
  f(Object.assign([1], { x: 1 }));
  expect(f).toHaveBeenCalledWith([1]);
});

// Iterables other than Set and Map: Jest compares their own properties after their items.
class Bag {
  constructor(name, items) { this.name = name; this.items = items; }
  *[Symbol.iterator]() { yield* this.items; }
}
test('toEqual sees a field of an iterable class', () => {
  expect(new Bag('a', [1])).toEqual(new Bag('b', [1]));
});
test('toEqual sees a field an iterable class has only on one side', () => {
  expect(new Bag('a', [1])).toEqual(Object.assign(new Bag('a', [1]), { extra: undefined }));
});
test('toHaveBeenCalledWith sees a field of an iterable argument', () => {
  const f = vi.fn();
  f(new Bag('a', [1]));
  expect(f).toHaveBeenCalledWith(new Bag('b', [1]));
});

// Dates compare by time value, as in Jest: an invalid date (NaN) equals no date.
test('toEqual of two invalid dates', () => {
  expect(new Date('not a date')).toEqual(new Date('nor this'));
});
test('toStrictEqual of two invalid dates', () => {
  expect(new Date(NaN)).toStrictEqual(new Date(NaN));
});
test('toHaveBeenCalledWith an invalid date', () => {
  const f = jest.fn();
  f({ at: new Date('2024-13-45') });
  expect(f).toHaveBeenCalledWith({ at: new Date('garbage') });
});
