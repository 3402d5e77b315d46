// NEVER_READ is a server that never reads what it is sent.
test('1000 sends of 1 MiB to a server that never reads', async () => {
  const conn = await ws.connect(process.env.NEVER_READ);
  const mib = 'x'.repeat(1 << 20);
  for (let i = 0; i < 1000; i++) conn.send(mib);
});

test('bufferedAmount shows what waits, and the throw can be caught', async () => {
  const conn = await ws.connect(process.env.NEVER_READ, { maxBuffered: 1 << 20 });
  const kib = 'x'.repeat(64 << 10);
  let sent = 0;
  expect(() => { for (;;) { conn.send(kib); sent++; } }).toThrow(/maxBuffered/);
  expect(sent).toBeGreaterThan(0);
  expect(conn.bufferedAmount).toBeGreaterThan(0);
  expect(conn.bufferedAmount).toBeLessThanOrEqual(1 << 20);
  expect(conn.closed).toBe(false);
});
