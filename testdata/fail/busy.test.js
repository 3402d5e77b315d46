test('an endless loop is interrupted', () => {
  for (;;) {}
}, 200);

test('is not run after the VM was interrupted', () => {});
