async function login(user) {
  await sleep(1);
  throw new Error(`user ${user} is locked`);
}

test('a rejected promise fails the test', async () => {
  await login('alice');
});
