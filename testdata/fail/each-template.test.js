// test.each as a tag: the first line names the columns, each later line is one row.
test.each`
  a    | b    | sum
  ${1} | ${1} | ${2}
  ${2} | ${3} | ${6}
`('$a + $b = $sum (row $#)', ({ a, b, sum }) => {
  expect(a + b).toBe(sum);
});

describe.each`
  scheme   | secure
  ${'ws'}  | ${false}
  ${'wss'} | ${true}
`('$scheme', ({ scheme, secure }) => {
  test('is secure only as wss', () => expect(scheme === 'wss').toBe(secure));
});

test.skip.each([[1], [2]])('skipped %i', () => {
  throw new Error('a skipped row ran');
});

describe.skip.each([['x']])('skipped block %s', () => {
  test('inner', () => {
    throw new Error('a test of a skipped block ran');
  });
});
