test('an endless loop is interrupted', () => {
  for (;;) {}
}, 200);

test('runs after it, in the same VM', () => {});
