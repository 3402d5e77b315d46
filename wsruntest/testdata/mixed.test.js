describe('mixed', () => {
  test('passes', () => {
    console.log('hello from a passing test');
  });
  test('fails', () => {
    expect({ answer: 41 }).toEqual({ answer: 42 });
  });
  test.skip('is skipped', () => {});
  test.todo('is planned');
});
