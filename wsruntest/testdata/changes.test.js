// Run by TestChangingTests with a host module that counts the loads of this file: the first
// load is wsruntest's listing, the second the run. The run declares a test the listing did
// not see, with the name of a listed one, and renames another: neither failure may be lost.
import { load } from 'host/loads';

test('stable', () => {});
if (load > 1) {
  test('stable', () => {
    throw new Error('a second "stable", declared only when the file runs');
  });
}
test(`renamed on every load ${load}`, () => {});
