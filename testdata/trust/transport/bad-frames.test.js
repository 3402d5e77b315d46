// Servers that break the framing: a 64-bit length with the high bit set, a frame cut short
// by EOF, a connection reset mid-frame, a reserved bit, a reserved opcode.
test('a 64-bit length with the high bit set', async () => {
  const conn = await ws.connect(process.env.HUGE_LENGTH);
  await conn.expect();
});

test('a frame cut short by EOF', async () => {
  const conn = await ws.connect(process.env.SHORT_FRAME);
  await conn.expect();
});

test('a reset mid-frame', async () => {
  const conn = await ws.connect(process.env.RESET);
  await conn.expect();
});

test('a reserved bit', async () => {
  const conn = await ws.connect(process.env.RESERVED_BITS);
  await conn.expect();
});

test('a reserved opcode', async () => {
  const conn = await ws.connect(process.env.RESERVED_OPCODE);
  await conn.expect();
});
