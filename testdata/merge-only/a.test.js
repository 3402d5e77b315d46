// merge-reports fixture: a .only here leaves out every test of the other files, in one run and
// in every shard (merge_test.go).
test.only('focused', () => {});
test('left out', () => {});
