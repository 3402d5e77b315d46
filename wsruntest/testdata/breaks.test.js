// Run by TestBreaksWhenRun with a host module that counts the loads of this file: it loads
// for wsruntest's listing, and throws when it loads again for the run.
import { load } from 'host/loads';

if (load > 1) throw new Error('the file breaks when it runs');
test('listed', () => {});
