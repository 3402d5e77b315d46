// A Jest file that imports its globals runs unchanged: '@jest/globals' is another name of 'wsrun'.
import { jest, expect, test } from '@jest/globals';

test('jest.fn records calls', () => {
  const f = jest.fn();
  f('a');
  expect(f).toHaveBeenCalledTimes(1);
});
