// Names under wsrun/ are left to the runtime; one that is not a module fails the file at its
// import.
import { request } from 'wsrun/http';

test('never runs', async () => {
  await request('/');
});
