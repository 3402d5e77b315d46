function parsePrice(s) {
  if (!/^\d+$/.test(s)) throw new TypeError(`not a price: ${s}`);
  return Number(s);
}

test('a thrown error names its line', () => {
  parsePrice('12x');
});

test('throwing a non-error', () => {
  throw 'just a string';
});
