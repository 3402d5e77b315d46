const fixtures = require('myapp/fixtures');

test('the host program provides fixtures', async () => {
  expect(fixtures.user).toEqual({ name: 'alice', role: 'admin' });
  expect(await fixtures.token()).toBe('secret-token');
});

test('and sees what fails', () => {
  expect(fixtures.user.role).toBe('viewer');
});
