test('a rejection nobody handles fails the test', async () => {
  Promise.reject(new Error('forgotten promise'));
  await sleep(5);
});
