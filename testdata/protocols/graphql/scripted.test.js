// wsrun/graphql against servers scripted with ws.serve: the handshake's edge cases, over(),
// and latency names. Needs no real server.
import { graphql } from 'wsrun/graphql'

// serve starts a graphql-transport-ws server whose onMessage(conn, frame) answers after the ack.
async function serve(onMessage, { ack = true, protocols = ['graphql-transport-ws'] } = {}) {
  return ws.serve({ protocols }, (conn) => {
    conn.on('message', (frame) => {
      if (frame.type === 'connection_init') {
        if (ack) conn.send({ type: 'connection_ack' })
        return
      }
      onMessage(conn, frame)
    })
  })
}

test('a server that never acknowledges fails connect after its timeout', async () => {
  const server = await serve(() => {}, { ack: false })
  await expect(graphql.connect(server.url, { timeout: 200, name: 'gina' })).rejects.toThrow(
    'gina: connect timed out after 200ms waiting for connection_ack')
})

test('a server that answers connection_init with something else fails connect', async () => {
  const server = await ws.serve({ protocols: ['graphql-transport-ws'] }, (conn) => {
    conn.on('message', () => conn.send({ type: 'next', id: '1', payload: {} }))
  })
  await expect(graphql.connect(server.url)).rejects.toThrow(
    `graphql.connect ${server.url}: expected connection_ack, got {"type":"next","id":"1","payload":{}}`)
})

test('a ping before the ack is answered, and connect goes on', async () => {
  const server = await ws.serve({ protocols: ['graphql-transport-ws'] }, (conn) => {
    conn.on('message', (frame) => {
      if (frame.type === 'connection_init') conn.send({ type: 'ping' })
      if (frame.type === 'pong') conn.send({ type: 'connection_ack' })
    })
  })
  const client = await graphql.connect(server.url)
  expect(client.conn.sent.map((m) => m.text)).toEqual(['{"type":"connection_init"}', '{"type":"pong"}'])
})

test('over() speaks on a Connection opened with ws.connect, in its negotiated protocol', async () => {
  const server = await ws.serve({ protocols: ['graphql-ws'] }, (conn) => {
    conn.on('message', (frame) => {
      if (frame.type === 'connection_init') conn.send({ type: 'connection_ack' })
      if (frame.type === 'start') {
        conn.send({ id: frame.id, type: 'data', payload: { data: { hello: frame.payload.variables.name } } })
        conn.send({ id: frame.id, type: 'complete' })
      }
    })
  })
  const conn = await ws.connect(server.url, { protocols: ['graphql-ws'], headers: { 'x-tenant': 'acme' } })
  const client = await graphql.over(conn, { connectionParams: { token: 't' } })
  expect(client.conn).toBe(conn)
  expect(await client.query('query Hello($name: String) { hello(name: $name) }', { name: 'over' }))
    .toEqual({ data: { hello: 'over' } })
  expect(conn.sent[0].data).toEqual({ type: 'connection_init', payload: { token: 't' } })
  expect(conn.sent[1].data).toEqual({ id: '1', type: 'start', payload: { query: 'query Hello($name: String) { hello(name: $name) }', variables: { name: 'over' } } })
})

test('the server\'s subscribe frames carry operationName and variables', async () => {
  const server = await serve((conn, frame) => {
    conn.send({ id: frame.id, type: 'next', payload: { data: { seen: frame.payload } } })
    conn.send({ id: frame.id, type: 'complete' })
  })
  const client = await graphql.connect(server.url)
  const doc = 'query A { a } query B { b }'
  expect((await client.query(doc, { x: 1 }, { operationName: 'B' })).data.seen)
    .toEqual({ query: doc, variables: { x: 1 }, operationName: 'B' })
})

test('a query still waiting when the connection closes rejects', async () => {
  const server = await serve((conn) => conn.close(4500, 'Internal server error'))
  const client = await graphql.connect(server.url, { name: 'dave' })
  await expect(client.query('{ hello }')).rejects.toThrow(/^dave: query failed: the connection closed with 4500/)
})

test('over(), subscribe and close check their arguments', async () => {
  expect(() => graphql.over({ send() {}, on() {} })).toThrow('graphql.over: conn must be a Connection (from ws.connect or ws.serve), got an object')
  const server = await serve(() => {})
  const client = await graphql.connect(server.url)
  expect(() => client.subscribe('subscription { tick }', null, { timeout: 5 })).toThrow(
    'subscribe takes (document, variables?), got a third argument, an object; a timeout goes to each wait: sub.expect(matcher, { timeout })')
  expect(() => client.close(4000)).toThrow(
    'close() takes no arguments: it closes the connection with 1000, got the number 4000; to close with a code, call client.conn.close(code, reason)')
  expect(client.conn.closed).toBe(false)
  await client.close()
})

test('expectNone sees a payload with errors and no data, and an error message', async () => {
  // Both wait for expectError as the errors array; to expectNone they are payloads still, so
  // "no errors come" and "nothing more comes" cannot pass while they came.
  const server = await serve((conn, frame) => {
    if (frame.type !== 'subscribe') return
    if (frame.payload.query.includes('denied')) conn.send({ id: frame.id, type: 'next', payload: { errors: [{ message: 'not allowed' }] } })
    else conn.send({ id: frame.id, type: 'error', payload: [{ message: 'Cannot query field "nope"' }] })
  })
  const client = await graphql.connect(server.url, { name: 'nina' })
  const denied = client.subscribe('subscription { denied }')
  await expect(denied.expectNone({ errors: expect.anything() }, { within: 1000 })).rejects.toThrow(
    'nina: expectNone: a payload matching next {"errors": Anything} arrived, but none was expected within 1000ms:\n  error [{"message":"not allowed"}]')
  await expect(denied.expectNone({ data: expect.anything() }, { within: 50 })).resolves.toBeUndefined()
  // Once expectError took it, it is gone for expectNone too.
  expect(await denied.expectError([{ message: 'not allowed' }])).toEqual([{ message: 'not allowed' }])
  await denied.expectNone(undefined, { within: 50 })
  const invalid = client.subscribe('subscription { nope }')
  await expect(invalid.expectNone(undefined, { within: 1000 })).rejects.toThrow(
    'nina: expectNone: a payload matching next arrived, but none was expected within 1000ms:\n  error [{"message":"Cannot query field \\"nope\\""}]')
})
