// Snapshot fixture: the snapshots of a test that fails or is skipped are not obsolete, even
// with -u. SKIP skips one test, FAIL makes another fail before it reaches its matcher.
test('stable', () => {
  expect(1).toMatchSnapshot();
});

(process.env.SKIP ? test.skip : test)('sometimes skipped', () => {
  expect(2).toMatchSnapshot();
});

test('sometimes fails', () => {
  if (process.env.FAIL) throw new Error('failing on purpose');
  expect(3).toMatchSnapshot('with a hint');
});
