// Touches every part of the JavaScript API with types, so that `tsc --noEmit` checks
// wsrun.d.ts against real use (scripts/typecheck.sh), and wsrun checks that the use is real.
import * as wsrun from 'wsrun';
import { describe, expect, test } from 'wsrun';
import ws, { connect, serve, type Connection, type HandshakeError, type Server } from 'wsrun/ws';

let server: Server;
const seen: string[] = [];

beforeAll(async () => {
  server = await serve(
    {
      path: '/api',
      protocols: ['v2'],
      verify: (req) => (req.query.token === 'secret' ? true : { status: 403, body: 'no token' }),
    },
    (conn, req) => {
      seen.push(req.path);
      conn.on('message', (m: unknown) => {
        if (typeof m === 'object' && m !== null && 'close' in m) conn.close(4000, 'asked to');
        else conn.send({ echo: m });
      });
    },
  );
});
afterAll(() => server.close());
beforeEach(() => undefined, 1000);
afterEach((done) => done());

describe('client', () => {
  let conn: Connection;
  beforeEach(async () => {
    conn = await connect(server.url, { query: { token: 'secret' }, protocols: ['v2'], name: 'c', timeout: 2000, parse: 'auto' });
  });

  test('request and matchers', async () => {
    const reply = await conn.request<{ echo: { n: number } }>({ n: 1 }, { echo: { n: expect.any(Number) } });
    expect(reply.echo.n).toBe(1);
    conn.send('plain');
    await conn.expect((m: { echo?: string }) => m.echo === 'plain', { timeout: 1000 });
    conn.send({ a: 1 });
    conn.send({ b: 2 });
    const [b, a] = await conn.expectAll([{ echo: { b: 2 } }, { echo: { a: 1 } }]);
    expect([a, b]).toMatchObject([{ echo: { a: 1 } }, { echo: { b: 2 } }]);
    await conn.expectNone({ echo: 'never' }, { within: 10 });
    await conn.expectNone({ echo: 'never' }, { timeout: 10 });
    expect(conn.messages.length).toBeGreaterThanOrEqual(4);
    expect(conn.sent[0]).toMatchObject({ type: 'text', data: { n: 1 } });
    expect(conn.protocol).toBe('v2');
    expect(conn.url).toContain('token=secret');
    expect(conn.closed).toBe(false);
    expect(typeof (await conn.ping())).toBe('number');
  });

  test('handlers and close', async () => {
    const off = conn.on('message', () => undefined);
    off();
    conn.once({ echo: 'x' }, (m) => seen.push(String(m)));
    const offText = conn.on('message', 'close', (m: string) => seen.push(m));
    offText();
    conn.on('close', (e) => seen.push(`${e.code} ${e.wasClean}`));
    conn.send({ close: true });
    const info = await conn.expectClose({ code: 4000, reason: /asked/ });
    expect(info.reason).toBe('asked to');
    expect(conn.closeCode).toBe(4000);
  });
});

test('a refused handshake', async () => {
  const err = (await ws.connect(server.url).catch((e: HandshakeError) => e)) as HandshakeError;
  expect(err.status).toBe(403);
  expect(err.body).toBe('no token');
  await expect(connect(server.url)).rejects.toMatchObject({ status: 403 });
});

test('server side', async () => {
  const own = await ws.serve();
  const client = await connect(own.url);
  const side = await own.expectConnection({ timeout: 1000 });
  own.broadcast('to all');
  await client.expect('to all');
  expect(own.connections).toContain(side);
  expect(own.port).toBeGreaterThan(0);
});

test.each([
  [1, 1, 2],
  [2, 3, 5],
])('add(%i, %i) = %i', (a, b, sum) => {
  expect(a + b).toBe(sum);
});

test.each([{ user: 'alice' }, { user: 'bob' }])('$user has a name', ({ user }) => {
  expect(user).toEqual(expect.stringMatching(/^[a-z]+$/));
});

describe.each([['x'], ['y']])('describe.each %s', (letter) => {
  test('runs', () => expect(letter).toHaveLength(1));
});

test('expect', async () => {
  expect({ a: [1, 2], b: undefined }).toEqual({ a: expect.arrayContaining([2]) });
  expect({ a: { b: [0, 'x'] } }).toHaveProperty('a.b[1]', 'x');
  expect(0.1 + 0.2).toBeCloseTo(0.3, 5);
  expect(() => {
    throw new TypeError('bad');
  }).toThrow(TypeError);
  expect(NaN).toBeNaN();
  expect([{ id: 1 }]).toContainEqual({ id: 1 });
  expect('abc').not.toMatch(/z/);
  expect({ x: 'y' }).toEqual(expect.not.objectContaining({ x: 'z' }));
  await expect(Promise.resolve(3)).resolves.toBe(3);
  expect.soft(1).toBeLessThan(2);
  expect.assertions(10);
  expect.extend({
    toBeEven(received: number) {
      return { pass: received % 2 === 0, message: () => `${received} is not even` };
    },
  });
});

test('globals and the wsrun module are the same', async () => {
  expect(wsrun.test).toBe(test);
  expect(wsrun.ws).toBe(ws);
  expect(typeof process.env).toBe('object');
  await sleep(1);
  const id = setTimeout(() => undefined, 10);
  clearTimeout(id);
  const iv = setInterval(() => undefined, 10);
  clearInterval(iv);
  queueMicrotask(() => undefined);
  console.log('typed', { ok: true });
});

test.skip('skipped', () => undefined);
test.todo('later');
it('it is test', () => undefined, { timeout: 1000, retries: 1 });

test('web globals are typed', async () => {
  const u: URL = new URL('/x?a=1', 'http://h');
  u.searchParams.append('b', '2');
  const params: URLSearchParams = new URLSearchParams({ q: 'v' });
  const pairs: [string, string][] = [...params];
  const bytes: Uint8Array = new TextEncoder().encode('hi');
  const text: string = new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: false });
  const copy: { d: Date } = structuredClone({ d: new Date(0) });
  const ids: Uint32Array = crypto.getRandomValues(new Uint32Array(2));
  const uuid: string = crypto.randomUUID();
  const controller: AbortController = new AbortController();
  const signal: AbortSignal = AbortSignal.any([controller.signal, AbortSignal.timeout(1000)]);
  signal.addEventListener('abort', (e) => e.target.reason, { once: true });
  controller.abort(new DOMException('stop', 'AbortError'));
  const reason: unknown = signal.reason;
  const err: DOMException = new DOMException('m', 'TimeoutError');
  const elapsed: number = performance.now() - performance.timeOrigin;
  expect([u.href, pairs.length, text, copy.d, ids.length, uuid.length, reason, err.code, elapsed, atob(btoa('x'))]).toBeDefined();
  await expect(fetch(u, { signal: AbortSignal.abort() })).rejects.toThrow();
  expect(wsrun.URL).toBe(URL);
});
