// Jest's and Vitest's names for 'wsrun' type-check as 'wsrun' does (scripts/typecheck.sh).
import { describe, it, expect, vi } from 'vitest';
import { jest, test } from '@jest/globals';

describe('aliases', () => {
  it('vi.fn is typed', () => {
    const f = vi.fn((n: number) => n + 1);
    expect(f(1)).toBe(2);
  });
  test('jest.fn is typed', () => {
    const g = jest.fn();
    g('a');
    expect(g).toHaveBeenCalledWith('a');
  });
});
