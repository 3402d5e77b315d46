test('a promise that can never settle', async () => {
  await new Promise(() => {});
});

test('done is never called', (done) => {});
