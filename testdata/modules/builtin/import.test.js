// A built-in module written in JavaScript, imported by name; it imports wsrun/ws and
// wsrun/internal itself.
import greeter, { greet, connectType, inboxType } from 'wsrun/greeter';

test('named and default imports', () => {
  expect(greet('ada')).toBe('hello ada');
  expect(greeter.greet('bob')).toBe('hello bob');
  expect(connectType).toBe('function');
  expect(inboxType).toBe('function');
});
