// expect(p).resolves / .rejects without await, next to the same assertions awaited.
const later = (ms, v) => new Promise((resolve) => setTimeout(() => resolve(v), ms));
const failLater = (ms) => new Promise((_, reject) => setTimeout(() => reject(new Error('boom')), ms));

test('control: resolves and rejects awaited', async () => {
  await expect(later(10, 3)).resolves.toBe(3);
  await expect(failLater(10)).rejects.toThrow('boom');
  await expect(failLater(10)).rejects.not.toThrow('other');
});

// Made in beforeAll and rejected by the last test: the forgotten assertion on it, which would
// fail then, must end with its own test and not fail that one.
let slow;
let rejectSlow;
beforeAll(() => {
  slow = new Promise((_, reject) => { rejectSlow = reject; });
  slow.catch(() => {});
});

test('rejects not awaited', () => {
  expect(slow).rejects.toThrow('not this message');
});

test('resolves not awaited', async () => {
  expect(later(200, 1)).resolves.not.toBe(2);
});

test('control: a rejects handed to Promise.all that is awaited', async () => {
  await Promise.all([expect(failLater(5)).rejects.toThrow(), expect(later(5, 1)).resolves.toBe(1)]);
});

test('control: the next test is not failed by the forgotten ones', async () => {
  rejectSlow(new Error('boom'));
  await later(300);
});
