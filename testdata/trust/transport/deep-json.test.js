// A text frame of 8 MiB of '[' once overflowed goja's JSON.parse recursion: a fatal error that
// killed the whole run. It is now too deep to parse, like any frame nested deeper than 10000.
test('parse auto: a frame nested too deep arrives as text', async () => {
  const server = await ws.serve((conn) => conn.send('['.repeat(8 << 20)));
  const conn = await ws.connect(server.url);
  const m = await conn.expect();
  expect(typeof m).toBe('string');
  expect(m.length).toBe(8 << 20);
});

test("parse 'json': a frame nested too deep fails the test", async () => {
  const server = await ws.serve((conn) => conn.send('["\\ud800",' + '{"a":['.repeat(1 << 20)));
  const conn = await ws.connect(server.url, { parse: 'json' });
  await conn.expect();
});
