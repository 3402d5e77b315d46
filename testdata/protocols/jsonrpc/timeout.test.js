// What a timeout prints (golden: timeout.golden). Every test here fails on purpose.
import { jsonrpc } from 'wsrun/jsonrpc'

const url = process.env.JSONRPC_URL

test('a call that times out names the call and lists the notifications nobody consumed', async () => {
  const client = await jsonrpc.connect(url, { name: 'alice' })
  await client.call('subscribe', { topic: 'prices', count: 3, interval: 5 })
  await client.expectNotification('tick', { n: 3 })
  await client.call('sleep', [2000, 'too late'], { timeout: 200 })
})

test('a batch that times out names every call in it', async () => {
  const client = await jsonrpc.connect(url, { name: 'bob' })
  await client.batch([['add', [1, 2]], ['sleep', [2000, 'too late']], ['audit', ['x'], { notify: true }]], { timeout: 200 })
})

test('expectNotification that times out shows what came instead', async () => {
  const client = await jsonrpc.connect(url, { name: 'carol' })
  await client.call('subscribe', { topic: 'news', count: 2, interval: 5 })
  await client.expectNotification('tick', { topic: 'prices' }, { timeout: 200 })
})
