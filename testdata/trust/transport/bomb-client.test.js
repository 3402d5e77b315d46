// BOMB is a server that sends a 1 MiB permessage-deflate frame inflating to 1 GiB.
test('a deflate bomb from the server', async () => {
  const conn = await ws.connect(process.env.BOMB, { compression: true });
  await conn.expect();
});
