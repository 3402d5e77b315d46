// error.stack, as a script reads it, points into this file and the helper, not the bundle.
import { parsePrice } from '../lib/parse';

type Caught = { stack: string };

test('error.stack names the original lines', () => {
  const err: Caught = new Error('here') as Caught;
  expect(err.stack).toMatch(/stack\.test\.ts:7:23/);
  let thrown: Caught | undefined;
  try {
    parsePrice('x');
  } catch (e) {
    thrown = e as Caught;
  }
  expect(thrown!.stack).toMatch(/lib\/parse\.ts:7:11[\s\S]*stack\.test\.ts:11:15/);
  expect(thrown!.stack).not.toMatch(/wsrun:bundle/);
});
