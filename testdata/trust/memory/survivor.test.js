// Runs after hog.test.js (-j 1) and holds some memory for a while: it passes only if the
// hog's file gave back what it held.
test('holds a little memory and passes', async () => {
  const a = [];
  for (let i = 0; i < 48; i++) a.push(new Uint8Array(1 << 20).fill(1));
  await new Promise((r) => setTimeout(r, 300));
  expect(a.length).toBe(48);
});
