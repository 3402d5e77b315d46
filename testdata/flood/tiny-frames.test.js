// The server writes more empty frames than a connection queues for the loop (4096) in one
// go, so they all arrive in one read: the reader must hand them over before it waits.
test('thousands of empty frames in one read', async () => {
  const conn = await ws.connect(process.env.FLOOD_URL, { parse: 'text' });
  let empty = 0;
  conn.on('message', (m) => {
    if (m === '') empty++;
  });
  await conn.expect('done');
  expect(empty).toBe(Number(process.env.FLOOD_FRAMES));
});
