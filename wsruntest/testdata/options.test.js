// Run by TestOptions with every option of wsruntest.Run: each test checks one of them.
import fixture from 'host/fixture';

test('Module: a host module is importable by its name', () => {
  expect(fixture.answer).toBe(42);
});

test('With: any other engine option applies', () => {
  expect(process.env.FROM_WITH).toBe('yes');
});

test('Env: adds to process.env', () => {
  expect(process.env.FROM_ENV).toBe('yes');
});

test('ExpectTimeout: the default wait of expect on a connection', async () => {
  const server = await ws.serve({}, () => {});
  try {
    const conn = await ws.connect(server.url);
    await expect(conn.expect('never sent')).rejects.toThrow('timed out after 150ms');
    await conn.close();
  } finally {
    await server.close();
  }
});
