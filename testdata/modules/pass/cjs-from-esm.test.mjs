// An ES module importing a CommonJS helper, by import and by require.
import legacy, { label, prefix } from '../lib/legacy.cjs';

const required = require('../lib/legacy.cjs');

test('named imports of a CommonJS module', () => {
  expect(label('x')).toBe('legacy:x');
  expect(prefix).toBe('legacy');
});

test('the default import of a CommonJS module is module.exports', () => {
  expect(legacy.label).toBe(label);
});

test('require returns the same module', () => {
  expect(required.label).toBe(label);
});
