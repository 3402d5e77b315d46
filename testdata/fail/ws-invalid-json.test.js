test("parse: 'json' rejects a frame that is not JSON", async () => {
  const server = await ws.serve((conn) => conn.send('{"broken": '));
  const conn = await ws.connect(server.url, { parse: 'json' });
  await sleep(200);
});
