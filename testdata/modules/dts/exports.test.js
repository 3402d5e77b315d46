// Logs, as JSON, every name scripts can reach through the modules and the objects they return;
// runtime/engine's TestDeclarationsCoverTheAPI checks that wsrun.d.ts declares each of them.
const wsrun = require('wsrun');
const wsMod = require('wsrun/ws');

// names lists the own and inherited property names of o, up to Object or Function.
function names(o) {
  const out = new Set();
  for (let p = o; p && p !== Object.prototype && p !== Function.prototype; p = Object.getPrototypeOf(p)) {
    for (const n of Object.getOwnPropertyNames(p)) out.add(n);
  }
  return [...out];
}

test('names', async () => {
  const server = await wsMod.serve();
  const client = await wsMod.connect(server.url);
  const serverSide = await server.expectConnection();
  console.log(JSON.stringify({
    wsrun: Object.keys(wsrun),
    ws: Object.keys(wsMod),
    Connection: [...new Set([...names(client), ...names(serverSide)])],
    Server: names(server),
    Matchers: names(expect(1)),
    Expect: names(expect),
    TestAPI: names(test),
    DescribeAPI: names(describe),
    Console: names(console),
    Process: names(process),
    Mock: names(jest.fn()),
    MockAPI: [...new Set([...names(jest), ...names(vi)])],
    URL: names(new URL('http://a')),
    URLConstructor: names(URL),
    URLSearchParams: names(new URLSearchParams()),
    TextEncoder: names(new TextEncoder()),
    TextDecoder: names(new TextDecoder()),
    AbortController: names(new AbortController()),
    AbortSignal: names(new AbortController().signal),
    AbortSignalConstructor: names(AbortSignal),
    Crypto: names(crypto),
    Performance: names(performance),
  }));
});
