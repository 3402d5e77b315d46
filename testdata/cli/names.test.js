describe('login', () => {
  test('accepts a good password', () => {});
  test('rejects a bad password', () => {});
});
describe('logout', () => {
  test('clears the session', () => {});
  test.skip('forgets the device', () => {});
});
