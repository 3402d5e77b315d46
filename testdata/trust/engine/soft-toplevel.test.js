expect.soft('top').toBe('top-level soft');
test('runs all the same', () => {});
