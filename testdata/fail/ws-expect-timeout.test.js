test('a message that never comes', async () => {
  const server = await ws.serve((conn) => {
    conn.send({ type: 'welcome', user: 'alice' });
    conn.send('plain text');
  });
  const alice = await ws.connect(server.url, { name: 'alice' });
  await alice.expect({ type: 'welcome', user: 'bob' });
});
