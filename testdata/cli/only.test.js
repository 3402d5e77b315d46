test.only('the only one', () => {});
test('left out', () => {});
