// A CommonJS test file: built-in modules and helpers come through require.
const { test, expect } = require('wsrun');
const ws = require('wsrun/ws');
const { label } = require('../lib/legacy.cjs');

test('require of the built-in modules', () => {
  expect(typeof ws.connect).toBe('function');
  expect(typeof ws.serve).toBe('function');
  expect(ws).toBe(globalThis.ws);
});

test('require of a relative CommonJS file', () => {
  expect(label('y')).toBe('legacy:y');
});
