test('env layers', () => {
  expect(process.env.FROM_FILE).toBe('file value');
  expect(process.env.OVERRIDDEN).toBe('from -e');
  expect(process.env.QUOTED).toBe('a b');
});
