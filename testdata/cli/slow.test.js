test('takes a while', async () => {
  console.log('started');
  await sleep(20000);
});
