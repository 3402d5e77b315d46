import { greet } from 'wsrun/greeter';

test('TypeScript imports it too', () => {
  const who: string = 'ts';
  expect(greet(who)).toBe('hello ts');
});
