// A Vitest file runs unchanged: 'vitest' is another name of 'wsrun'.
import { describe, it, test, expect, vi, beforeEach } from 'vitest';

let calls = 0;
beforeEach(() => { calls++; });

describe('vitest names', () => {
  it('vi.fn records calls', () => {
    const f = vi.fn((x) => x * 2);
    expect(f(2)).toBe(4);
    expect(f).toHaveBeenCalledWith(2);
  });
  test('hooks ran', () => {
    expect(calls).toBe(2);
  });
});
