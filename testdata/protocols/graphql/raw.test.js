// The scenario of module.test.js's core tests, written with raw graphql-transport-ws frames: what
// a wsrun user had to write before wsrun/graphql. Kept to show the two side by side.
const url = process.env.GRAPHQL_URL

async function open() {
  const conn = await ws.connect(url, { protocols: ['graphql-transport-ws'] })
  conn.on({ type: 'ping' }, () => conn.send({ type: 'pong' }))
  conn.send({ type: 'connection_init', payload: { token: 'secret' } })
  await conn.expect({ type: 'connection_ack' })
  return conn
}

test('a query, an execution error and a validation error', async () => {
  const conn = await open()
  conn.send({ id: '1', type: 'subscribe', payload: { query: '{ hello boom }' } })
  const { payload } = await conn.expect({ id: '1', type: 'next' })
  expect(payload.data).toEqual({ hello: 'hello world', boom: null })
  expect(payload.errors).toMatchObject([{ message: 'boom: the resolver failed' }])
  await conn.expect({ id: '1', type: 'complete' })

  conn.send({ id: '2', type: 'subscribe', payload: { query: '{ nope }' } })
  const error = await conn.expect({ id: '2', type: 'error' })
  expect(error.payload).toMatchObject([{ message: 'Cannot query field "nope" on type "Query".' }])
})

test('a subscription streams its payloads, then completes', async () => {
  const conn = await open()
  conn.send({ id: '1', type: 'subscribe', payload: { query: 'subscription { count(to: 3) }' } })
  for (const n of [1, 2, 3]) await conn.expect({ id: '1', type: 'next', payload: { data: { count: n } } })
  await conn.expect({ id: '1', type: 'complete' })
})

test('a bad token is refused with 4403 Forbidden', async () => {
  const conn = await ws.connect(url, { protocols: ['graphql-transport-ws'] })
  conn.send({ type: 'connection_init', payload: { token: 'wrong' } })
  await conn.expectClose({ code: 4403, reason: 'Forbidden' })
})
