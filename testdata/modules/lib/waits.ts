// A step that waits for a message that never comes: the timeout must point at the await
// here, in the original TypeScript.
import type { Connection } from 'wsrun/ws';

interface Order {
  id: number;
}

export async function awaitConfirmation(conn: Connection, order: Order): Promise<unknown> {
  return conn.expect({ type: 'confirmed', id: order.id }, { timeout: 100 });
}
