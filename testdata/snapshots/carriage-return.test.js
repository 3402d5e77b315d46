// A carriage return in a test name (a raw HTTP request in a test.each row) or in a value:
// the .snap file must give back exactly what was written (see TestSnapshotCarriageReturn).
const v = Number(process.env.V || 1);
test.each([['GET / HTTP/1.1\r\n']])('request %s', (req) => {
  expect({ req, v }).toMatchSnapshot();
});
test('value with a CR', () => { expect(`a\rb ${v}`).toMatchSnapshot(); });
