type User = { name: string };

test('opens', async () => {
  const user: User = { name: 'ada' };
  const conn await ws.connect(user.name);
});
