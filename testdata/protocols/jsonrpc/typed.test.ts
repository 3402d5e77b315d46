// wsrun/jsonrpc from TypeScript: type-checked by scripts/typecheck.sh against wsrun.d.ts.
import { jsonrpc, RpcError, type Client, type BatchEntry } from 'wsrun/jsonrpc';

interface Tick {
  subscription: number;
  topic: string;
  n: number;
}

const url = process.env.JSONRPC_URL ?? 'ws://127.0.0.1:8080';

async function subscribe(client: Client, topic: string): Promise<number> {
  const { subscription } = await client.call<{ subscription: number }>('subscribe', { topic, count: 2, interval: 5 });
  return subscription;
}

test('typed calls, errors, batches and notifications', async () => {
  const client = await jsonrpc.connect(url, { name: 'typed' });
  const sum: number = await client.call<number>('add', [2, 3]);
  expect(sum).toBe(5);

  const err = await client.call('nope').catch((e: unknown) => e);
  expect(err).toBeInstanceOf(RpcError);
  if (err instanceof RpcError) expect(err.code).toBe(-32601);

  const entries: BatchEntry[] = [['add', [1, 2]], ['audit', ['typed'], { notify: true }]];
  const [three, nothing] = await client.batch(entries, { timeout: 2000 });
  expect([three, nothing]).toEqual([3, undefined]);

  const subscription = await subscribe(client, 'typed');
  const tick = await client.expectNotification<Tick>('tick', { subscription, n: 2 });
  expect(tick.topic).toBe('typed');

  const off = client.on('confirm', (params: { amount: number }) => ({ ok: params.amount < 10 }));
  off();
  client.notify('log', { line: 'done' });
  await client.close();
});
