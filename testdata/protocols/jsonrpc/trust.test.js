// What a server scripted with ws.serve can send that must never settle the wrong wait.
// protocol_jsonrpc_test.go runs it; no real server needed.
import { jsonrpc } from 'wsrun/jsonrpc'

test('a notification named like the key a call waits under settles no call', async () => {
  const server = await ws.serve((conn) => {
    conn.on('message', (req) => {
      // "rpc.reply #<id>" and "rpc.batch #<n>" are the keys the module waited under.
      if (Array.isArray(req)) {
        conn.send({ jsonrpc: '2.0', method: 'rpc.batch #1', params: { 1: 'wrong' } })
        conn.send(req.map((r) => ({ jsonrpc: '2.0', id: r.id, result: `right ${r.id}` })))
        return
      }
      conn.send({ jsonrpc: '2.0', method: `rpc.reply #${req.id}`, params: { jsonrpc: '2.0', id: req.id, result: 'wrong' } })
      conn.send({ jsonrpc: '2.0', id: req.id, result: 'right' })
    })
  })
  const client = await jsonrpc.connect(server.url)
  expect(await client.call('question')).toBe('right')
  expect(await client.batch([['a'], ['b']])).toEqual(['right 2', 'right 3'])
  expect(await client.expectNotification('rpc.reply #1')).toEqual({ jsonrpc: '2.0', id: 1, result: 'wrong' })
  expect(await client.expectNotification('rpc.batch #1')).toEqual({ 1: 'wrong' })
})
