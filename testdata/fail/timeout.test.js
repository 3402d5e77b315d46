test('waits on an interval forever', async () => {
  setInterval(() => {}, 50);
  await new Promise(() => {});
}, 200);
