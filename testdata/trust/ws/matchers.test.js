// Matchers of conn.expect* through the binary. Tests named "fails: …" must fail; the others
// must pass.

async function pair() {
  const server = await ws.serve();
  const client = await ws.connect(server.url);
  const peer = await server.expectConnection();
  return { client, peer };
}

// A RegExp with the g (or y) flag keeps lastIndex after a match; reused as a matcher, it used
// to start the next test where the last match ended, so an identical second message did not
// match it.
test('fails: expectNone with a reused g RegExp sees a second identical message', async () => {
  const { client, peer } = await pair();
  const re = /hi/g;
  peer.send('hi');
  await client.expect(re);
  peer.send('hi');
  await client.expectNone(re, { within: 300 });
});

test('a reused g RegExp matches two identical buffered messages', async () => {
  const { client, peer } = await pair();
  const re = /hi/g;
  peer.send('hi'); peer.send('hi');
  await sleep(50);
  await client.expect(re, { timeout: 1000 });
  await client.expect(re, { timeout: 1000 });
});

test('a reused y RegExp, and a frozen RegExp without flags, match too', async () => {
  const { client, peer } = await pair();
  const sticky = /hi/y;
  peer.send('hi'); peer.send('hi');
  await client.expect(sticky, { timeout: 1000 });
  await client.expect(sticky, { timeout: 1000 });
  peer.send('hey');
  await client.expect(Object.freeze(/hey/), { timeout: 1000 });
});
