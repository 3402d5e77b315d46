// W2: N sequential echo round trips (default 20,000), each awaited before the next is sent.
const N = Number(process.env.N || 20000);

test(`${N} sequential echo round trips`, async () => {
  const conn = await ws.connect(process.env.URL + '/echo');
  for (let i = 0; i < N; i++) {
    const msg = `msg-${i}`;
    await conn.request(msg, msg);
  }
  await conn.close();
});
