// A built-in module written in JavaScript, imported by name; it imports wsrun/ws itself.
import greeter, { greet, connectType } from 'wsrun/greeter';

test('named and default imports', () => {
  expect(greet('ada')).toBe('hello ada');
  expect(greeter.greet('bob')).toBe('hello bob');
  expect(connectType).toBe('function');
});
