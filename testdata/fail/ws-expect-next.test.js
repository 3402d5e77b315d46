test('expectNext must match the very next message', async () => {
  const server = await ws.serve((conn) => {
    conn.send({ seq: 1 });
    conn.send({ seq: 2 });
  });
  const conn = await ws.connect(server.url);
  await new Promise((arrived) => conn.on({ seq: 2 }, arrived)); // handlers observe, they do not consume
  await conn.expectNext({ seq: 2 });
});

test('expectNone sees an unwanted message', async () => {
  const server = await ws.serve((conn) => conn.send({ type: 'secret', to: 'alice' }));
  const bob = await ws.connect(server.url, { name: 'bob' });
  await bob.expectNone({ type: 'secret' }, { within: 300 });
});
