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

// ATTACKER connects to the URL it is given and never reads.
test('ws.serve: maxBuffered caps what waits for a client that never reads', async () => {
  const server = await ws.serve({ maxBuffered: 1 << 20 });
  const answer = await fetch(process.env.ATTACKER + '?url=' + encodeURIComponent(server.url));
  expect(answer.status).toBe(200);
  const conn = await server.expectConnection();
  const kib = 'x'.repeat(64 << 10);
  expect(() => { for (;;) conn.send(kib); }).toThrow(/raise maxBuffered in the options of ws.serve/);
  expect(conn.bufferedAmount).toBeLessThanOrEqual(1 << 20);
});
