// Only mentions it: focus on one test with test.only(name, fn) while working on it.
const tip = 'describe.only(name, fn) focuses a block';
test('mentions .only without using it', () => { expect(tip).toContain('focuses'); });
