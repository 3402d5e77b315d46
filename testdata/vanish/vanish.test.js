test('the server vanishes mid-test', async () => {
  const conn = await ws.connect(process.env.VANISH_URL, { name: 'client' });
  await conn.expect({ type: 'hello' });
  await conn.expect({ type: 'never sent' });
});
