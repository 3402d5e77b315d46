// BAD_UTF8 is a server that sends a text frame that is not UTF-8.
test('a text frame that is not UTF-8', async () => {
  const conn = await ws.connect(process.env.BAD_UTF8);
  await conn.expect();
});

// ATTACKER connects to the URL it is given and sends a text frame that is not UTF-8.
test('a text frame that is not UTF-8, sent to ws.serve', async () => {
  const server = await ws.serve();
  const answer = await fetch(process.env.ATTACKER + '?url=' + encodeURIComponent(server.url));
  expect(answer.status).toBe(200);
  const conn = await server.expectConnection();
  await conn.expect();
});
