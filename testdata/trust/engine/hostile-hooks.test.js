const revoked = () => { const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy; };
describe('beforeAll', () => {
  beforeAll(() => { throw revoked(); });
  test('a', () => {});
});
describe('afterEach', () => {
  afterEach(() => { throw new Proxy({}, { get() { throw new Error('trap'); } }); });
  test('b', () => {});
});
