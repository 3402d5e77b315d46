// Every test here passes, one of them only on its second try.
describe('arithmetic', () => {
  test('adds', () => {
    expect(1 + 1).toBe(2);
  });

  test('logs what it checked', () => {
    console.log('checked', { sum: 3 });
    expect([1, 2].reduce((a, b) => a + b)).toBe(3);
  });
});

let attempts = 0;
test('passes on retry', () => {
  attempts++;
  expect(attempts).toBe(2);
}, { retries: 1 });

test('echoes over a socket', async () => {
  const server = await ws.serve({}, (conn) => conn.on('message', (m) => conn.send(m)));
  const conn = await ws.connect(server.url);
  expect(await conn.request({ hello: 'world' }, { hello: 'world' })).toEqual({ hello: 'world' });
});
