test('an exception in a message handler fails the test', async () => {
  const server = await ws.serve((conn) => conn.send({ price: 'free' }));
  const conn = await ws.connect(server.url);
  conn.on('message', (m) => {
    if (typeof m.price !== 'number') throw new Error(`bad price: ${m.price}`);
  });
  await sleep(200);
});
