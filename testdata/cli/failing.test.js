test('one', () => { throw new Error('first failure'); });
test('two', () => { throw new Error('second failure'); });
test('three', () => { throw new Error('third failure'); });
