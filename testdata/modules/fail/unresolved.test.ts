import { expect, test } from 'wsrun';
import { login } from './helpers/login';

test('never runs', async () => {
  expect(await login()).toBe(true);
});
