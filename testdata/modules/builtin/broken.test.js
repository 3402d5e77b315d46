import { nothing } from 'wsrun/broken';

test('never runs', () => {
  nothing();
});
