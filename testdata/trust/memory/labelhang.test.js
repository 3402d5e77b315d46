// A matcher whose getter schedules a timer. The test times out while the expect is still
// waiting, so the timeout message describes the matcher, which runs the getter: that must not
// hang the run.
test('times out while a matcher with a getter waits', async () => {
  const server = await ws.serve();
  const conn = await ws.connect(server.url);
  const matcher = {
    get type() {
      setTimeout(() => {}, 0);
      return 'never';
    },
  };
  await conn.expect(matcher, { timeout: 10000 });
}, 300);

test('runs after the timeout', () => {
  expect(1).toBe(1);
});
