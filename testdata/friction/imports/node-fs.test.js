const { readFileSync } = require('node:fs');
test('x', () => {});
