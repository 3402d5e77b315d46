// Snapshot fixture in TypeScript: the .snap file is named after the .ts file.
interface Greeting {
  type: 'greeting';
  to: string;
}

test('typed value', () => {
  const g: Greeting = { type: 'greeting', to: 'world' };
  expect(g).toMatchSnapshot();
});
