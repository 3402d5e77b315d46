describe('expect', () => {
  test('equality', () => {
    expect(1).toBe(1);
    expect({ a: [1, { b: 2 }] }).toEqual({ a: [1, { b: 2 }] });
    expect({ a: 1, b: undefined }).toEqual({ a: 1 });
    expect({ a: 1, b: undefined }).not.toStrictEqual({ a: 1 });
    expect([1, 2, 3]).toContain(2);
    expect([{ id: 1 }]).toContainEqual({ id: 1 });
    expect('hello world').toMatch(/wor/);
    expect({ user: { name: 'x', age: 3 } }).toMatchObject({ user: { name: 'x' } });
    expect([1, 2]).toHaveLength(2);
    expect({ a: { b: [0, 7] } }).toHaveProperty('a.b[1]', 7);
  });

  test('numbers and types', () => {
    expect(0.1 + 0.2).toBeCloseTo(0.3);
    expect(3).toBeGreaterThan(2);
    expect(3).toBeGreaterThanOrEqual(3);
    expect(1).toBeLessThan(2);
    expect(1).toBeLessThanOrEqual(1);
    expect(NaN).toBeNaN();
    expect(null).toBeNull();
    expect(undefined).toBeUndefined();
    expect(0).toBeDefined();
    expect('x').toBeTruthy();
    expect('').toBeFalsy();
    expect(new Date()).toBeInstanceOf(Date);
  });

  test('asymmetric matchers', () => {
    expect({ id: 'abc', at: 17, tags: ['a', 'b'] }).toEqual({
      id: expect.any(String),
      at: expect.anything(),
      tags: expect.arrayContaining(['b']),
    });
    expect({ msg: 'hello bob' }).toEqual(expect.objectContaining({ msg: expect.stringContaining('bob') }));
    expect('order-42').toEqual(expect.stringMatching(/^order-\d+$/));
  });

  test('toThrow', () => {
    expect(() => { throw new TypeError('bad input'); }).toThrow('bad');
    expect(() => { throw new TypeError('bad input'); }).toThrow(TypeError);
    expect(() => {}).not.toThrow();
  });

  test('resolves and rejects', async () => {
    await expect(Promise.resolve(5)).resolves.toBe(5);
    await expect(Promise.reject(new Error('nope'))).rejects.toThrow('nope');
  });

  test('expect.assertions passes when the count is right', async () => {
    expect.assertions(1);
    await sleep(1);
    expect(true).toBe(true);
  });
});
