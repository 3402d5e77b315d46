// Run by runtime/engine's TestGoPanicsFailOneTest with a host module, "test/panic", whose
// functions panic in Go: each test must fail alone as an internal error.
import { panicNow, outOfRange, panicInTask, panicInDeliver } from 'test/panic';

test('a Go function called from the test panics', () => {
  panicNow();
});

test('a Go runtime error (index out of range)', () => {
  outOfRange(3);
});

test('try/catch does not hide it', () => {
  try { panicNow(); } catch (e) { /* a Go panic is not a JS exception */ }
});

test('in a promise reaction', async () => {
  await null;
  panicNow();
});

test('in a timer callback', async () => {
  setTimeout(() => panicNow(), 1);
  await sleep(50);
});

test('in a loop task posted by Go', async () => {
  panicInTask();
  await sleep(50);
});

test('in a task delivered from another goroutine', async () => {
  panicInDeliver();
  await sleep(50);
});

test('a job queued before the panic', () => {
  Promise.resolve().then(() => { globalThis.leaked = true; });
  panicNow();
});

describe('beforeAll', () => {
  beforeAll(() => panicNow());
  test('fails with its hook', () => {});
});

test('the file goes on in the same VM, with nothing of the panics left', async () => {
  await sleep(10);
  expect(globalThis.leaked).toBeUndefined();
});
