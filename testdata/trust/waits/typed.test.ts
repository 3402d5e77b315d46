// The location of a forgotten wait in TypeScript is the line of the .ts source, not of the
// JavaScript it was compiled to.
import ws from 'wsrun/ws';

interface Welcome {
  type: 'welcome';
  user: string;
}

let url: string;
let close: () => Promise<void>;

beforeAll(async () => {
  const server = await ws.serve((conn) => conn.send({ type: 'hello' }));
  url = server.url;
  close = () => server.close();
});
afterAll(() => close());

test('control: typed and awaited', async () => {
  const conn = await ws.connect(url, { name: 'typed' });
  const hello: { type: string } = await conn.expect({ type: 'hello' });
  expect(hello.type).toBe('hello');
});

test('typed and forgotten', async () => {
  const conn = await ws.connect(url, { name: 'typed' });
  const want: Welcome = { type: 'welcome', user: 'ann' };
  conn.expect(want as unknown as Record<string, unknown>);
});
