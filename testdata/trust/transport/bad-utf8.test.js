// BAD_UTF8 is a server that sends a text frame that is not UTF-8.
test('a text frame that is not UTF-8', async () => {
  const conn = await ws.connect(process.env.BAD_UTF8);
  await conn.expect();
});
