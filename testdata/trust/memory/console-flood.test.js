// Logs 64 MB in one test. A test keeps the first and last half MiB of its console output.
test('floods the console', () => {
  const line = 'x'.repeat(1000);
  console.log('first line');
  for (let i = 0; i < 64000; i++) console.log(line);
  console.log('last line');
  expect('flood').toBe('calm');
});
