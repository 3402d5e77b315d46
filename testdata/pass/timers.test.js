test('setTimeout runs callbacks in order of their delay', async () => {
  const order = [];
  setTimeout(() => order.push('b'), 20);
  setTimeout(() => order.push('a'), 5);
  setTimeout((x, y) => order.push(x + y), 30, 'c', 'd');
  await sleep(60);
  expect(order).toEqual(['a', 'b', 'cd']);
});

test('clearTimeout cancels', async () => {
  let fired = false;
  const id = setTimeout(() => { fired = true; }, 5);
  clearTimeout(id);
  await sleep(20);
  expect(fired).toBe(false);
});

test('setInterval repeats until cleared', async () => {
  let n = 0;
  await new Promise((resolve) => {
    const id = setInterval(() => {
      n++;
      if (n === 3) { clearInterval(id); resolve(); }
    }, 2);
  });
  expect(n).toBe(3);
});

test('queueMicrotask runs before timers', async () => {
  const order = [];
  setTimeout(() => order.push('timer'), 0);
  queueMicrotask(() => order.push('microtask'));
  Promise.resolve().then(() => order.push('promise'));
  await sleep(10);
  expect(order).toEqual(['microtask', 'promise', 'timer']);
});

let leaked = 0;
test('an interval left running is stopped after its test', () => {
  setInterval(() => { leaked++; }, 1);
});

test('... so it does not run during the next one', async () => {
  const before = leaked;
  await sleep(20);
  expect(leaked).toBe(before);
});

test('a test may finish with a done callback', (done) => {
  setTimeout(() => done(), 5);
});

test('overdue timers run in the order of their deadlines', async () => {
  const order = [];
  setTimeout(() => order.push('b'), 20);
  setTimeout(() => order.push('a'), 5);
  setTimeout(() => order.push('c'), 30);
  setTimeout(() => order.push('d'), 30);
  const end = Date.now() + 60;
  while (Date.now() < end); // all four are overdue when the loop is free again
  await sleep(0);
  expect(order).toEqual(['a', 'b', 'c', 'd']);
});
