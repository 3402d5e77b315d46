// Fails on purpose: each test meets a server that breaks the graphql-transport-ws protocol, and
// the Go test checks that the test fails saying so (a handler's throw cannot be caught here).
import { graphql } from 'wsrun/graphql'

async function serve(frame) {
  return ws.serve({ protocols: ['graphql-transport-ws'] }, (conn) => {
    conn.on('message', (msg) => {
      if (msg.type === 'connection_init') conn.send({ type: 'connection_ack' })
      if (msg.type === 'subscribe') conn.send(frame)
    })
  })
}

test('a frame that is not JSON', async () => {
  const client = await graphql.connect((await serve('hello')).url, { name: 'alice' })
  await client.query('{ hello }')
})

test('a next for an id the client never used', async () => {
  const client = await graphql.connect((await serve({ id: '99', type: 'next', payload: { data: {} } })).url, { name: 'bob' })
  await client.subscribe('subscription { ticks }').expect()
})

test('a frame of an unknown type', async () => {
  const client = await graphql.connect((await serve({ id: '1', type: 'data', payload: {} })).url, { name: 'carol' })
  await client.query('{ hello }')
})

test('a big broken frame is quoted, not copied whole', async () => {
  // A megabyte of payload: the failure message (and every report that holds it) quotes 200
  // characters of the frame.
  const client = await graphql.connect((await serve({ id: '99', type: 'next', payload: { data: 'x'.repeat(1 << 20) } })).url, { name: 'dave' })
  await client.subscribe('subscription { ticks }').expect()
})
