test('must not start after --bail 1', () => {});
