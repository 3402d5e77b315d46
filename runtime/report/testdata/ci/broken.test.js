// This file does not compile: wsrun reports it as a failed file with one failed test.
test('never runs', () => {
  const a b = 1;
});
