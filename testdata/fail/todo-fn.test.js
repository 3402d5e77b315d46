// A todo test has no function yet; Jest refuses one with a function, which would never run.
test.todo('write me', () => {
  expect(1).toBe(2);
});
