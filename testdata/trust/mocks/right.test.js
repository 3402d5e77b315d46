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

// restoreAllMocks puts every spied method back, or the next tests run against mocks.
test('a spy that could not be installed is not restored', () => {
  const api = { get() { return 'real'; } };
  const frozen = Object.freeze({ m() { return 'f'; } });
  const served = Object.defineProperty({}, 'm', { get: () => () => 's', configurable: false });
  jest.spyOn(api, 'get').mockReturnValue('fake');
  expect(() => jest.spyOn(frozen, 'm')).toThrow(TypeError);
  expect(() => vi.spyOn(served, 'm')).toThrow(TypeError);
  jest.restoreAllMocks(); // threw "Cannot assign to read only property 'm'", api.get left mocked
  expect(api.get()).toBe('real');
  expect(frozen.m()).toBe('f');
  expect(served.m()).toBe('s');
});
test('one restore that throws does not leave the other spies in place', () => {
  const a = { m() { return 'a'; } };
  const b = { m() { return 'b'; } };
  jest.spyOn(a, 'm').mockReturnValue('x');
  jest.spyOn(b, 'm').mockReturnValue('y');
  Object.freeze(b);
  expect(() => jest.restoreAllMocks()).toThrow(/read only/);
  expect(a.m()).toBe('a');
  expect(jest.isMockFunction(a.m)).toBe(false);
});

test('valid dates compare by time value', () => {
  expect(new Date(5)).toEqual(new Date(5));
  expect(new Date('2024-01-02T03:04:05Z')).toStrictEqual(new Date(Date.UTC(2024, 0, 2, 3, 4, 5)));
  expect(new Date('x')).not.toEqual(new Date(0));
});
