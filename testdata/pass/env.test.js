const { test: t, expect: e, sleep: s } = require('wsrun');
const wsmod = require('wsrun/ws');

t('process.env carries the run environment', () => {
  e(process.env.WSRUN_FIXTURE).toBe('from-go-test');
});

t('require gives the built-in modules', async () => {
  e(typeof wsmod.connect).toBe('function');
  e(typeof wsmod.serve).toBe('function');
  await s(1);
});

test('console output is captured, not printed', () => {
  console.log('object %o and %s', { a: 1 }, 'text');
  console.error(new Error('shown only when the test fails'));
});
