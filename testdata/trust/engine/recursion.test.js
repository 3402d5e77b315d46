test('deep recursion', () => {
  function f() { f(); }
  f();
});
test('the file goes on after it', () => {
  function depth(n) { return n === 0 ? 0 : 1 + depth(n - 1); }
  expect(depth(5000)).toBe(5000);
});
