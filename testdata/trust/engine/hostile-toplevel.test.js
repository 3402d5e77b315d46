const r = Proxy.revocable({}, {}); r.revoke();
test('never declared properly', () => {});
throw r.proxy;
