// W0: start-up. One empty test: what wsrun costs before any script work.
test('nothing', () => {});
