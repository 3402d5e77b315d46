// W1: start-up with a socket. Connect to the benchmark server's echo endpoint, then close.
test('connect and close', async () => {
  const conn = await ws.connect(process.env.URL + '/echo');
  await conn.close();
});
