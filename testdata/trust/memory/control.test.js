// A passing file whose result must survive a hog in another file.
test('control passes', async () => {
  await new Promise((r) => setTimeout(r, 50));
  expect(1 + 1).toBe(2);
});
