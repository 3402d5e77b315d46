describe('with a failing beforeAll', () => {
  beforeAll(() => {
    throw new Error('database is down');
  });
  test('first', () => {});
  test('second', () => {});
});

describe('with a failing beforeEach', () => {
  const log = [];
  beforeEach(() => {
    throw new Error('cannot seed');
  });
  afterEach(() => {
    console.log('afterEach still ran');
  });
  test('body is skipped', () => {
    log.push('body');
  });
});
