test('fine', () => {
  const x = {
    a: 1,,
  };
});
