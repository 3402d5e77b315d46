import { greet } from 'wsrun/greeter';

test('an error thrown inside the module points at this line', () => {
  greet('');
});
