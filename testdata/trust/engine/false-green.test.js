// Tests that used to pass although a check of theirs failed or never ran (see
// TestNoFalseGreenInTheRunner).

// async and done: the async function's promise settled first, so done and the check in
// the timer never counted.
test('async with done', async (done) => {
  setTimeout(() => { expect(1).toBe(2); done(); }, 20);
});

// A thenable that is no native promise was not followed.
test('thenable that rejects', () => ({
  then(resolve, reject) { setTimeout(() => reject(new Error('the thenable rejected')), 10); },
}));

test('thenable that resolves', () => ({
  then(resolve) { setTimeout(() => resolve(), 10); },
}));

// Reading the returned object's properties ran its getters: one that threw was a Go panic
// (internal error).
test('thenable whose then getter throws', () => ({ get then() { throw new Error('the getter threw'); } }));
test('an object with a throwing getter', () => ({ get x() { throw new Error('not read'); } }));

test('done with a timer', (done) => { setTimeout(done, 5); });

// The second call's error was dropped.
test('done twice', (done) => {
  done();
  done(new Error('the second call failed'));
});

describe('soft in afterEach', () => {
  afterEach(() => { expect.soft('after').toBe('afterEach soft'); });
  test('a', () => {});
});

describe('soft in beforeAll', () => {
  beforeAll(() => { expect.soft('before').toBe('beforeAll soft'); });
  test('b', () => {});
});

describe('soft in afterAll', () => {
  afterAll(() => { expect.soft('after').toBe('afterAll soft'); });
  test('c', () => {});
});

describe('beforeAll fails', () => {
  beforeAll(() => { throw new Error('setup broke'); });
  test('d', () => {});
  describe('inner', () => {
    test('e', () => {});
    test.todo('inner todo');
    test.skip('inner skip', () => {});
  });
});

test.each([[null, undefined, { a: 1 }]])('each %j %j %j', () => {});
