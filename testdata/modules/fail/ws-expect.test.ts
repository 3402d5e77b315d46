// A wait that times out inside a TypeScript step library: the error points at the await in
// the step (an expect call site captured by the ws module), then at the test.
import { serve, connect } from 'wsrun/ws';
import { awaitConfirmation } from '../lib/waits';

type Ack = { type: 'ack'; id: number };

test('an order is confirmed', async () => {
  const server = await serve({}, (conn) => {
    const ack: Ack = { type: 'ack', id: 1 };
    conn.send(ack);
  });
  const conn = await connect(server.url, { name: 'shop' });
  await awaitConfirmation(conn, { id: 1 });
});
