// What Vitest has and wsrun lacks fails with a message naming it, not "undefined is not a function".
import { bench, expect } from 'vitest';
import * as vitest from 'vitest';

test('bench', () => {
  bench('loop', () => {});
});

test('a namespace import keeps the check', () => {
  expect(typeof vitest.vi.fn).toBe('function');
  expect(() => vitest.expectTypeOf(1)).toThrow("expectTypeOf is not available in wsrun: 'vitest' is another name of 'wsrun'");
});

test('a known export still works', () => {
  expect(1).toBe(1);
});
