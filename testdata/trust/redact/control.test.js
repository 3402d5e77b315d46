// What scripts see is never redacted: the URL, messages sent and received, the server's
// view of the request and fetch responses keep their real values.
test('scripts see the real values', async () => {
  let req;
  const srv = await ws.serve({}, (c, r) => {
    req = r;
    c.on('message', (m) => c.send({ got: m, token: 'SECRET9server' }));
  });
  const conn = await ws.connect(srv.url + '?token=SECRET1query');
  expect(conn.url).toContain('token=SECRET1query');
  conn.send({ password: 'SECRET2password' });
  const m = await conn.expect({ token: 'SECRET9server' });
  // The server's handler has run by now (it answered); right after connect it may not have.
  expect(req.query.token).toBe('SECRET1query');
  expect(m.got.password).toBe('SECRET2password');
  expect(conn.messages[0].text).toContain('SECRET9server');
  expect(conn.sent[0].text).toContain('SECRET2password');
  const res = await fetch(process.env.HTTP_URL);
  expect((await res.json()).access_token).toBe('SECRET10http');
  console.log('control sees', conn.url, { password: 'SECRET2password' });
});
