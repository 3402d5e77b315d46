// ATTACKER connects to the URL it is given and sends a frame inflating to 1 GiB.
test('a deflate bomb from a client of ws.serve', async () => {
  const server = await ws.serve({ compression: true });
  const answer = await fetch(process.env.ATTACKER + '?url=' + encodeURIComponent(server.url));
  expect(answer.status).toBe(200);
  const conn = await server.expectConnection();
  await conn.expect();
});
