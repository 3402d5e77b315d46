test('the welcome is checked', async () => {
  const server = await ws.serve((conn) => conn.on('message', () => conn.send({ type: 'welcome' })));
  const conn = await ws.connect(server.url, { name: 'alice' });
  conn.send('hello');
  conn.expect({ type: 'welcome', user: 'ann' });
});
