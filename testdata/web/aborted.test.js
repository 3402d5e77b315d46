// Fails on purpose: an expect whose signal times out fails its test with the wait's message.
test('the deadline passes', async () => {
  const server = await ws.serve((conn) => conn.send({ type: 'welcome', user: 'bob' }));
  const alice = await ws.connect(server.url, { name: 'alice' });
  const deadline = AbortSignal.timeout(200);
  await alice.expect({ type: 'welcome', user: 'alice' }, { signal: deadline });
});
