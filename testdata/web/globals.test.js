// The web globals as a frontend test reaches for them: every assertion here must hold in a
// browser too (Chrome's and Firefox's answers).
import { URL as ImportedURL, structuredClone as clone } from 'wsrun';
import { jsonrpc } from 'wsrun/jsonrpc';

test('URL and URLSearchParams, as the WHATWG URL Standard parses', () => {
  const u = new URL('../api/items?tag=a b&tag=c#top', 'http://[::1]:8080/app/page/');
  expect(u.href).toBe('http://[::1]:8080/app/api/items?tag=a%20b&tag=c#top');
  expect([u.hostname, u.port, u.origin]).toEqual(['[::1]', '8080', 'http://[::1]:8080']);
  expect(u.searchParams.getAll('tag')).toEqual(['a b', 'c']);
  u.searchParams.set('page', '2');
  expect(u.search).toBe('?tag=a+b&tag=c&page=2');
  expect(() => new URL('/relative')).toThrow(TypeError);
  expect(ImportedURL).toBe(URL);
  expect(new URL('http://a/x')).toEqual(new URL('/x', 'http://a'));
  expect(new URL('http://a/x')).not.toEqual(new URL('http://a/y'));
  expect(Object.fromEntries(new URLSearchParams({ q: 'ünï', n: 1 }))).toEqual({ q: 'ünï', n: '1' });
});

test('TextEncoder, TextDecoder, atob and btoa', () => {
  const bytes = new TextEncoder().encode('héllo \ud800');
  expect([...bytes.slice(-3)]).toEqual([0xef, 0xbf, 0xbd]);
  expect(new TextDecoder().decode(bytes)).toBe('héllo \ufffd');
  expect(() => new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xff]))).toThrow(TypeError);
  expect(atob(btoa('\x00\xff'))).toBe('\x00\xff');
  expect(() => btoa('€')).toThrow(expect.objectContaining({ name: 'InvalidCharacterError' }));
  expect(() => atob('@@@')).toThrow(DOMException);
});

test('structuredClone, crypto and performance', () => {
  const original = { when: new Date(0), tags: new Set(['a']), bytes: new Uint8Array([1, 2]) };
  original.self = original;
  const copy = clone(original);
  expect(copy).not.toBe(original);
  expect(copy.self).toBe(copy);
  expect(copy.when).toEqual(new Date(0));
  expect(() => structuredClone({ fn() {} })).toThrow(expect.objectContaining({ name: 'DataCloneError' }));
  expect(crypto.randomUUID()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(crypto.getRandomValues(new Uint8Array(4))).toHaveLength(4);
  const t0 = performance.now();
  expect(performance.now()).toBeGreaterThanOrEqual(t0);
});

test('a browser, not Node: no Buffer, no setImmediate', () => {
  expect(typeof Buffer).toBe('undefined');
  expect(typeof setImmediate).toBe('undefined');
});

test('fetch with AbortSignal.timeout gives up on a slow endpoint', async () => {
  const server = await ws.serve({ http: async () => { await sleep(3000); return { body: 'late' }; } });
  const base = server.url.replace('ws:', 'http:');
  const started = performance.now();
  const err = await fetch(new URL('/slow', base), { signal: AbortSignal.timeout(100) }).catch((e) => e);
  expect(err).toBeInstanceOf(DOMException);
  expect(err.name).toBe('TimeoutError');
  expect(performance.now() - started).toBeLessThan(2000);
});

test('AbortController cancels a wait on a connection', async () => {
  const server = await ws.serve((conn) => conn.send({ type: 'hello' }));
  const conn = await ws.connect(server.url);
  await conn.expect({ type: 'hello' });
  const controller = new AbortController();
  const waiting = conn.expect({ type: 'never' }, { signal: controller.signal });
  controller.abort();
  await expect(waiting).rejects.toThrow('conn1.expect({"type": "never"}) was aborted: signal is aborted without reason');
});

test('sleep takes a signal, and rejects with its reason', async () => {
  const started = performance.now();
  const err = await sleep(5000, { signal: AbortSignal.timeout(50) }).catch((e) => e);
  expect(err.name).toBe('TimeoutError');
  expect(performance.now() - started).toBeLessThan(2000);
  const controller = new AbortController();
  controller.abort('already');
  await expect(sleep(5000, { signal: controller.signal })).rejects.toBe('already');
  await sleep(1, { signal: new AbortController().signal }); // a signal that never aborts
  expect(() => sleep(1, { sginal: 1 })).toThrow('sleep: unknown option "sginal"; did you mean "signal"?');
});

test('the protocol modules take a signal too', async () => {
  const server = await ws.serve(() => {}); // never answers
  const client = await jsonrpc.connect(server.url);
  const err = await client.call('slow', [], { signal: AbortSignal.timeout(50) }).catch((e) => e);
  expect(err.name).toBe('TimeoutError');
  expect(err.message).toBe(`${client.conn.name}.call("slow", []) was aborted: signal timed out; no unconsumed notifications (0 received in all)`);
});
