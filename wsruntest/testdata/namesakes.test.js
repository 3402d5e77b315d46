// Run by TestNamesakes: two tests share a name; the first fails, the second passes. Each
// subtest must report its own test's result, not its namesake's.
test('same name', () => {
  throw new Error('the first test named "same name" fails');
});
test('same name', () => {});
