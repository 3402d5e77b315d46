// wsrun/stomp with types: scripts/typecheck.sh type-checks this file against wsrun.d.ts.
// Run it against RabbitMQ's web-stomp with WSRUN_STOMP_URL=ws://127.0.0.1:15674/ws.
import { stomp, type StompClient, type StompMessage } from 'wsrun/stomp';

interface Order {
  kind: 'order';
  id: number;
}

const url = process.env.WSRUN_STOMP_URL ?? 'ws://127.0.0.1:15674/ws';
let client: StompClient;

beforeAll(async () => {
  client = await stomp.connect(url, { login: 'guest', passcode: 'guest', heartbeat: [10000, 10000], name: 'shop' });
});
afterAll(() => client.disconnect());

test('an order is acked once handled', async () => {
  const queue = `/queue/wsrun-typed-${Math.random().toString(36).slice(2, 10)}`;
  const orders = await client.subscribe(queue, { ack: 'client-individual' });
  await client.send(queue, { kind: 'order', id: 1 } satisfies Order, { receipt: true });
  const m: StompMessage<Order> = await orders.expect<Order>({ kind: 'order' }, { timeout: 2000 });
  expect(m.json?.id).toBe(1);
  await m.ack();
  await orders.expectNone(undefined, { within: 200 });
  await orders.unsubscribe();
});
