const { greet } = require('wsrun/greeter');
const again = require('wsrun/greeter');

test('CommonJS requires it, once per file', () => {
  expect(greet('cjs')).toBe('hello cjs');
  expect(again.greet).toBe(greet);
});
