// merge-reports fixture: skipped and todo tests next to a passing one.
test('runs', () => {});
test.skip('is skipped', () => { throw new Error('never runs'); });
test.todo('is to do');
