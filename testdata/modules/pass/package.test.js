// Bare imports resolve from node_modules: a CommonJS package and an ES module package that
// imports it.
import { greet } from 'greeter';
import shout from 'shouter';

test('a CommonJS package', () => {
  expect(greet('ada')).toBe('hello, ada!');
});

test('an ES module package depending on another package', () => {
  expect(shout('ada')).toBe('HELLO, ADA!');
});
