// What Vitest has and wsrun lacks fails with a message naming it, not "undefined is not a function".
import { bench, expect } from 'vitest';

test('bench', () => {
  bench('loop', () => {});
});

test('a known export still works', () => {
  expect(1).toBe(1);
});
