// merge-reports fixture: left out by a.test.js's .only; it would fail if it ran.
test('fails if run', () => {
  throw new Error('ran although another file has test.only');
});
