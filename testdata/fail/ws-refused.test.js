test('a refused handshake names the status', async () => {
  const server = await ws.serve({ verify: () => ({ status: 403, body: 'token missing' }) });
  await ws.connect(server.url);
});

test('nothing listens on the port', async () => {
  await ws.connect('ws://127.0.0.1:1/items');
});
