// Every way a script can throw or reject with a value that is hard to describe.
const revoked = () => { const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy; };
const hostile = {
  proxy: () => new Proxy({}, { get() { throw new Error('trap'); } }),
  revoked,
  getter: () => { const e = new Error('x'); Object.defineProperty(e, 'message', { get() { throw new Error('no message'); } }); return e; },
  toString: () => ({ toString() { throw new Error('no string'); }, valueOf() { throw new Error('no value'); } }),
  symbol: () => Symbol('x'),
  cyclic: () => { const o = { a: 1 }; o.self = o; return o; },
  nullproto: () => Object.create(null),
};
for (const [name, make] of Object.entries(hostile)) {
  describe(name, () => {
    test('sync throw', () => { throw make(); });
    test('async rejection', async () => { await null; throw make(); });
    test('unhandled rejection', async () => { Promise.reject(make()); await sleep(5); });
    test('done(err)', (done) => { setTimeout(() => done(make()), 1); });
    test('asymmetricMatch', () => { expect({ a: 1 }).toEqual({ a: { asymmetricMatch() { throw make(); } } }); });
    test('timer callback', async () => { setTimeout(() => { throw make(); }, 1); await sleep(20); });
    test('ws message handler', async () => {
      const server = await ws.serve((conn) => conn.send('hi'));
      const c = await ws.connect(server.url);
      c.on('message', () => { throw make(); });
      await sleep(100);
    });
    test('console.log and expect formatting', () => {
      console.log(make());
      expect(make()).toEqual({ other: 1 });
    });
  });
}
