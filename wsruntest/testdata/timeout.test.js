// Run in a child go test by TestTimeoutOption: the test outlives the Timeout option.
test('sleeps past the timeout', async () => {
  await new Promise((resolve) => setTimeout(resolve, 5000));
});
