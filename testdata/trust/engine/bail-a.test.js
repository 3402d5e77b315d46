afterAll(() => { throw new Error('afterAll broke'); });
test('passes', () => {});
