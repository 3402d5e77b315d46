// Allocates without end across awaits, so the memory grows while no single task runs long.
test('allocates across awaits', async () => {
  const a = [];
  for (;;) {
    a.push('x'.repeat(1e6));
    await null;
    if (a.length % 16 === 0) await new Promise((r) => setTimeout(r, 0));
  }
});
