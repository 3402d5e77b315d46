// W4: C connections (default 500) open at once; once all are open each echoes one message,
// then all close.
const C = Number(process.env.C || 500);

test(`${C} concurrent connections, one echo each`, async () => {
  const conns = await Promise.all(
    Array.from({ length: C }, () => ws.connect(process.env.URL + '/echo')));
  await Promise.all(conns.map((conn, i) => conn.request(`hello-${i}`, `hello-${i}`)));
  await Promise.all(conns.map((conn) => conn.close()));
});
