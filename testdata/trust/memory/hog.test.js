// Allocates without end into a variable of the file, so what it allocated stays referenced
// after the test is stopped: the --max-memory watchdog must stop it, the rest of the file must
// not run, and the files after it must get the memory back.
const kept = [];

test('before the hog', () => {});

test('allocates without end', () => {
  while (true) kept.push('x'.repeat(1e6));
});

test('after the hog', () => {});
