// An empty table would declare nothing, and the file could pass without the tests its author wrote.
test.each([])('never declared %s', () => {});
