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

// The same text reaching JSON.parse another way (a fetch body, the script's own call) throws a
// RangeError the script can catch, instead of killing the run.
test('JSON.parse of text nested too deep throws a RangeError', () => {
  expect(() => JSON.parse('['.repeat(8 << 20))).toThrow(RangeError);
  expect(JSON.parse('[[[1]]]')).toEqual([[[1]]]);
});

test('fetch(…).json() of a body nested too deep fails the test', async () => {
  const server = await ws.serve({ http: () => ({ body: '['.repeat(8 << 20) }) });
  const res = await fetch(server.url.replace(/^ws/, 'http'));
  await res.json();
});
