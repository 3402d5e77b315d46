// The test API without any socket: describe, hooks, expect, timers, console and process.env.
describe('a shopping cart', () => {
  let cart;
  beforeEach(() => { cart = { items: [], total: 0 }; });

  const add = (item, price) => {
    cart.items.push(item);
    cart.total += price;
  };

  test('starts empty', () => {
    expect(cart).toEqual({ items: [], total: 0 });
  });

  test.each([
    ['tea', 3],
    ['cake', 4.5],
  ])('adding %s costs %d', (item, price) => {
    add(item, price);
    expect(cart.total).toBeCloseTo(price);
    expect(cart.items).toContain(item);
  });

  test('debounced save happens once', async () => {
    let saves = 0;
    let timer;
    const save = () => { clearTimeout(timer); timer = setTimeout(() => saves++, 10); };
    save(); save(); save();
    await sleep(30);
    expect(saves).toBe(1);
  });

  test.todo('applies discount codes');
});

test('reads configuration from the environment', () => {
  const level = process.env.LOG_LEVEL || 'info';
  console.log('log level is', level);
  expect(['debug', 'info', 'warn']).toContain(level);
});
