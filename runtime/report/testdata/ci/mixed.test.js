// Passing, failing, skipped and todo tests side by side.
test('passes', () => {
  expect('ws').toMatch(/w/);
});

test('fails with a diff', () => {
  expect({ type: 'hello', user: 'alice' }).toEqual({ type: 'hello', user: 'bob' });
});

test('fails softly twice', () => {
  expect.soft(1).toBe(2);
  expect.soft('a').toBe('b');
});

test.skip('is skipped', () => {});
test.todo('is still to do');

describe.skip('a skipped block', () => {
  test('is skipped too', () => {});
});

// The server and the console send what XML cannot hold: NUL, ESC, a lone surrogate (invalid
// UTF-8 once in Go), U+FFFE, and a CDATA end. The test fails so that the transcript and the
// console end up in every report.
test('survives a hostile server', async () => {
  const nasty = 'nul\u0000 esc\u001b[31m lone\ud800 fffe\ufffe cdata]]> amp&lt;';
  const server = await ws.serve({}, (conn) => conn.send(nasty));
  const conn = await ws.connect(server.url, { parse: 'text' });
  const got = await conn.expect();
  console.log('got', got);
  console.error(nasty);
  expect(got).toBe('something polite');
});
