// A failing toHaveBeenCalledWith: its message shows Jest's diff of the one call, without the
// properties an asymmetric matcher accepted.
test('the server saw the join', async () => {
  const onMessage = jest.fn();
  const server = await ws.serve((conn) => conn.on('message', onMessage));
  const client = await ws.connect(server.url);
  client.send({ type: 'join', room: 'lobby', user: { name: 'ann', id: 7 } });
  await server.expectConnection().then((conn) => conn.expect({ type: 'join' }));
  expect(onMessage).toHaveBeenCalledWith({ type: 'join', room: 'main', user: expect.objectContaining({ name: 'ann' }) });
});
