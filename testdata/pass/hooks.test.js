const log = [];

beforeAll(() => log.push('beforeAll'));
afterAll(() => {
  log.push('afterAll');
  // afterAll runs after every test of the file; an error here would fail the file.
  expect(log).toEqual([
    'beforeAll',
    'beforeEach', 'outer test', 'afterEach',
    'inner beforeAll',
    'beforeEach', 'inner beforeEach', 'inner test', 'inner afterEach', 'afterEach',
    'inner afterAll',
    'afterAll',
  ]);
});
beforeEach(() => log.push('beforeEach'));
afterEach(() => log.push('afterEach'));

test('outer test', () => log.push('outer test'));

describe('inner', () => {
  beforeAll(async () => { await sleep(1); log.push('inner beforeAll'); });
  afterAll(() => log.push('inner afterAll'));
  beforeEach(() => log.push('inner beforeEach'));
  afterEach(() => log.push('inner afterEach'));
  test('inner test', () => log.push('inner test'));
  test.skip('skipped test runs no hooks', () => log.push('never'));
});

describe.skip('a skipped block', () => {
  beforeAll(() => log.push('never: skipped beforeAll'));
  test('is skipped', () => {});
});
