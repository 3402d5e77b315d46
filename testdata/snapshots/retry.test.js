// Snapshot fixture: a retried test starts counting its snapshots afresh, and only what its
// last attempt matched is written.
let attempt = 0;

test('passes on the second attempt', () => {
  attempt++;
  expect(`attempt ${attempt}`).toMatchSnapshot();
  expect('same every time').toMatchSnapshot();
  if (attempt === 1) throw new Error('first attempt fails');
});
