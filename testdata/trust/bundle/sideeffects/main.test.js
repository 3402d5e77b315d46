import './shared/suite.js';

test('local passes', () => {
  expect(1).toBe(1);
});
