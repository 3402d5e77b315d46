// The scenario of module.test.js written with raw frames, as a user had to before wsrun/jsonrpc:
// ids chosen and matched by hand, errors read out of reply objects, a batch's replies sorted
// back by id.
const url = process.env.JSONRPC_URL

test('a call, an error, a notification and a batch, with raw frames', async () => {
  const conn = await ws.connect(url)

  conn.send({ jsonrpc: '2.0', id: 1, method: 'add', params: [2, 3] })
  expect((await conn.expect({ id: 1 })).result).toBe(5)

  conn.send({ jsonrpc: '2.0', id: 2, method: 'nope' })
  const failed = await conn.expect({ id: 2 })
  expect(failed.error).toMatchObject({ code: -32601, message: 'Method not found' })

  conn.send({ jsonrpc: '2.0', id: 3, method: 'subscribe', params: { topic: 'prices', count: 2 } })
  await conn.expect({ id: 3, result: { subscription: expect.any(Number) } })
  const tick = await conn.expect({ jsonrpc: '2.0', method: 'tick', params: { n: 2 } })
  expect(tick.params.topic).toBe('prices')

  conn.send([
    { jsonrpc: '2.0', id: 4, method: 'sleep', params: [50, 'slow'] },
    { jsonrpc: '2.0', id: 5, method: 'add', params: [1, 'x'] },
    { jsonrpc: '2.0', method: 'audit', params: ['batch sent'] },
    { jsonrpc: '2.0', id: 6, method: 'sleep', params: [0, 'fast'] },
  ])
  const replies = await conn.expect((m) => Array.isArray(m))
  const byId = Object.fromEntries(replies.map((r) => [r.id, r]))
  expect(byId[4].result).toBe('slow')
  expect(byId[5].error.code).toBe(-32602)
  expect(byId[6].result).toBe('fast')
  expect(replies.map((r) => r.id)).not.toEqual([4, 5, 6]) // the server answers as calls finish
})
