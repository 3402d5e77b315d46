// Three values do not fill rows of two columns.
test.each`
  a    | b
  ${1} | ${2}
  ${3}
`('$a and $b', () => {});
