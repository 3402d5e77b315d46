// A refused handshake's message shows the start of the body the server answered with: a
// Socket.IO server's 400 said why only there.
test('the body follows the status', async () => {
  const server = await ws.serve({ verify: () => ({ status: 400, body: '{"code":0,"message":"Transport unknown"}' }) });
  const err = await ws.connect(server.url).catch((e) => e);
  expect(err.message).toBe(`connect ${server.url}: server answered 400 Bad Request: {"code":0,"message":"Transport unknown"}`);
  expect(err.body).toBe('{"code":0,"message":"Transport unknown"}');
});

test('a long body is cut, its lines joined and its control bytes escaped', async () => {
  const body = '<html>\n  <title>\x1b[31mNo</title>\r\n' + 'x'.repeat(5000);
  const server = await ws.serve({ verify: () => ({ status: 403, body }) });
  const err = await ws.connect(server.url).catch((e) => e);
  expect(err.message).toMatch(/^connect \S+: server answered 403 Forbidden: <html> <title>\\x1b\[31mNo<\/title> x+…$/);
  expect(err.message.length).toBeLessThan(300);
  expect(err.body.length).toBe(4096);
});

test('an empty body adds nothing', async () => {
  const server = await ws.serve({ verify: () => ({ status: 401 }) });
  const err = await ws.connect(server.url).catch((e) => e);
  expect(err.message).toBe(`connect ${server.url}: server answered 401 Unauthorized`);
});
