// Syntax goja lacks is lowered by esbuild: async generators, for await, decorators, using.
function logged<T>(value: T, _context: unknown): T {
  return value;
}

test('async generators and for await', async () => {
  async function* count(n: number) {
    for (let i = 1; i <= n; i++) {
      await sleep(1);
      yield i;
    }
  }
  const seen: number[] = [];
  for await (const i of count(3)) seen.push(i);
  expect(seen).toEqual([1, 2, 3]);
});

test('decorators', () => {
  @logged
  class Agent {
    name = 'ada';
    #secret = 42;
    get secret() {
      return this.#secret;
    }
  }
  const a = new Agent();
  expect(a.name).toBe('ada');
  expect(a.secret).toBe(42);
});

test('using declarations dispose at the end of the block', () => {
  const log: string[] = [];
  {
    using _res = { [Symbol.dispose]() { log.push('disposed'); } };
    log.push('inside');
  }
  expect(log).toEqual(['inside', 'disposed']);
});

test('optional chaining, nullish assignment, dynamic import', async () => {
  const cfg: { retries?: number } = {};
  cfg.retries ??= 3;
  expect(cfg?.retries).toBe(3);
  const mod = await import('wsrun/ws');
  expect(mod.connect).toBe(ws.connect);
});
