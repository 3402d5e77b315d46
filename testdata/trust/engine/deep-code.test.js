// Code built at run time and handed to a function constructor: 300,000 nested parentheses
// overflowed goja's parser stack (fatal, exit 2, no reports). Each constructor now throws a
// catchable RangeError first, and stays the constructor it was.
const n = 300000;
const deep = 'return ' + '('.repeat(n) + '1' + ')'.repeat(n);
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor;
const ctors = { Function, AsyncFunction, GeneratorFunction };

for (const [name, C] of Object.entries(ctors)) {
  test(`${name} refuses deep code`, () => {
    expect(() => new C(deep)).toThrow(RangeError);
    expect(() => C(deep)).toThrow(/^nested too deeply: the code given to \w+ nests .* more than 10000 levels deep/);
    expect(() => new C('a', deep)).toThrow(/nested too deeply/);
    expect(() => C('a = ' + '['.repeat(n), 'return a')).toThrow(/nested too deeply/);
    expect(() => Reflect.construct(C, [deep])).toThrow(RangeError);
  });
  test(`${name} keeps its shape`, () => {
    expect(C.name).toBe(name);
    expect(C.length).toBe(1);
    expect(typeof C).toBe('function');
    expect(C.prototype.constructor).toBe(C);
    expect(Object.keys(C)).toEqual([]);
    expect(new C('a', 'return a')).toBeInstanceOf(C);
    expect(C('return 1')).toBeInstanceOf(C);
    expect(C('')).toBeInstanceOf(Function);
    expect(Object.getPrototypeOf(new C(''))).toBe(C.prototype);
    expect(Object.getOwnPropertyDescriptor(C, 'prototype')).toEqual({ value: C.prototype, writable: false, enumerable: false, configurable: false });
    expect(Object.getOwnPropertyDescriptor(C.prototype, 'constructor')).toEqual({ value: C, writable: name === 'Function', enumerable: false, configurable: true });
  });
}

test('the constructors still make working functions', async () => {
  expect(Function.prototype.constructor).toBe(Function);
  expect((() => 1)).toBeInstanceOf(Function);
  expect((function () {}).constructor).toBe(Function);
  expect((async () => {}).constructor).toBe(AsyncFunction);
  expect(Object.getOwnPropertyDescriptor(globalThis, 'Function')).toEqual({ value: Function, writable: true, enumerable: false, configurable: true });
  expect(new Function('a', 'b', 'return a + b')(1, 2)).toBe(3);
  expect(Function('a, b', 'return a * b')(3, 4)).toBe(12);
  expect(await new AsyncFunction('a', 'return a * 2')(4)).toBe(8);
  expect([...GeneratorFunction('yield 1; yield 2')()]).toEqual([1, 2]);
  class F extends Function {}
  const f = new F('return 7');
  expect(f).toBeInstanceOf(F);
  expect(f()).toBe(7);
  expect(globalThis.Function('return 5')()).toBe(5);
  expect(Function.call({}, 'return 6')()).toBe(6);
  expect(() => new Function('(')).toThrow(SyntaxError);
  expect(() => new Function(Symbol())).toThrow(TypeError);
  // A flat body as long as a deep one is not refused.
  expect(new Function('let s = 0;' + 's += 1;'.repeat(50000) + 'return s')()).toBe(50000);
});

test('an argument is converted to a string once', () => {
  let calls = 0;
  const shifty = { toString() { return calls++ === 0 ? 'return 1' : deep; } };
  expect(new Function(shifty)()).toBe(1);
  expect(calls).toBe(1);
});

test('setTimeout takes no code string', () => {
  expect(() => setTimeout(deep)).toThrow(/callback must be a function/);
});

test('the file goes on after them', () => {
  expect(1).toBe(1);
});
