// W3: the server pushes N frames of SIZE bytes as fast as it can, then "done". An on('message')
// handler counts them; the test waits for "done". PARSE is the connection's parse option:
// 'text' delivers strings, 'auto' (the default) JSON-parses the frames, which are JSON objects.
const N = Number(process.env.N || 200000);
const SIZE = Number(process.env.SIZE || 100);
const PARSE = process.env.PARSE || 'auto';

test(`receive ${N} frames of ${SIZE} bytes (parse: ${PARSE})`, async () => {
  const conn = await ws.connect(`${process.env.URL}/push?n=${N}&size=${SIZE}`, { parse: PARSE });
  let count = 0;
  conn.on('message', () => { count++; });
  await conn.expect('done');
  expect(count).toBe(N + 1); // the handler sees "done" too
  await conn.close();
});
