// Names that used to share a trace file: "a b" and "a/b" sanitize alike, and names longer
// than the 100 bytes kept of them differ only past that. Each test opens a connection so its
// trace has content.
const long = 'x'.repeat(120);
const names = ['a b', 'a/b', 'a_b', 'a:b', 'a  b'];
for (let i = 0; i < 8; i++) names.push(long + ' ' + i);
names.push('same name', 'same name');

for (const name of names) {
  test(name, async () => {
    const srv = await ws.serve();
    const conn = await ws.connect(srv.url, { name: 'c' });
    conn.send(name);
    await conn.close();
  });
}
