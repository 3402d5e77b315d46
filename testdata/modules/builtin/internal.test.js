// Only built-in modules may import wsrun/internal.
import { inbox } from 'wsrun/internal';

test('never runs', () => {
  inbox();
});
