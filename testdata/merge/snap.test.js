// merge-reports fixture: snapshots that match, and an obsolete one in the .snap file.
test('matches', () => {
  expect({ a: 1 }).toMatchSnapshot();
});
