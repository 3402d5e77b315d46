// The scenario of raw.test.js with wsrun/jsonrpc: ids, reply matching, errors and batches are
// the module's business.
import { jsonrpc, RpcError } from 'wsrun/jsonrpc'

const url = process.env.JSONRPC_URL

test('a call, an error, a notification and a batch, with wsrun/jsonrpc', async () => {
  const client = await jsonrpc.connect(url)

  expect(await client.call('add', [2, 3])).toBe(5)

  await expect(client.call('nope')).rejects.toMatchObject({ name: 'RpcError', code: -32601 })

  await client.call('subscribe', { topic: 'prices', count: 2 })
  const tick = await client.expectNotification('tick', { n: 2 })
  expect(tick.topic).toBe('prices')

  const [slow, bad, , fast] = await client.batch([
    ['sleep', [50, 'slow']],
    ['add', [1, 'x']],
    ['audit', ['batch sent'], { notify: true }],
    ['sleep', [0, 'fast']],
  ])
  expect(slow).toBe('slow')
  expect(bad).toBeInstanceOf(RpcError)
  expect(bad.code).toBe(-32602)
  expect(fast).toBe('fast')
})
