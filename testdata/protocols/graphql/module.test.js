// GraphQL over WebSocket against real servers (server/server.mjs): graphql-ws 6 at
// GRAPHQL_URL (graphql-transport-ws), subscriptions-transport-ws at GRAPHQL_LEGACY_URL.
import { graphql } from 'wsrun/graphql'

const url = process.env.GRAPHQL_URL
const legacyUrl = process.env.GRAPHQL_LEGACY_URL
const connectionParams = { token: 'secret' }

describe('graphql-transport-ws (graphql-ws)', () => {
  let client
  beforeEach(async () => {
    client = await graphql.connect(url, { connectionParams, name: 'alice' })
  })

  test('negotiates graphql-transport-ws by default', () => {
    expect(client.conn.protocol).toBe('graphql-transport-ws')
    expect(client.conn.name).toBe('alice')
  })

  test('a query with variables, and a mutation', async () => {
    expect(await client.query('query Hello($name: String) { hello(name: $name) }', { name: 'wsrun' }))
      .toEqual({ data: { hello: 'hello wsrun' } })
    const { data } = await client.query('mutation { add(by: 2) }')
    const again = await client.query('mutation Add($by: Int!) { add(by: $by) }', { by: 3 })
    expect(again.data.add).toBe(data.add + 3)
  })

  test('an execution error resolves with data and errors', async () => {
    const result = await client.query('{ hello boom }')
    expect(result.data).toEqual({ hello: 'hello world', boom: null })
    expect(result.errors).toMatchObject([{ message: 'boom: the resolver failed', path: ['boom'] }])
  })

  test('a validation error (an error message) resolves with errors only', async () => {
    const result = await client.query('{ nope }')
    expect(result.data).toBeUndefined()
    expect(result.errors).toMatchObject([{ message: 'Cannot query field "nope" on type "Query".' }])
  })

  test('a subscription streams its payloads, then completes', async () => {
    const sub = client.subscribe('subscription Count($to: Int!) { count(to: $to) }', { to: 3 })
    expect(await sub.expect({ data: { count: 1 } })).toEqual({ data: { count: 1 } })
    await sub.expect({ data: { count: 3 } }) // 2 stays unconsumed
    await sub.expect({ data: { count: 2 } })
    await sub.expectComplete()
    await expect(sub.expect()).rejects.toThrow('the subscription completed')
  })

  test('a stream that breaks reaches expectError', async () => {
    const sub = client.subscribe('subscription { failing }')
    await sub.expect({ data: { failing: 1 } })
    const errors = await sub.expectError([{ message: 'the stream broke' }])
    expect(errors).toHaveLength(1)
  })

  test('a subscription refused by its resolver errors, then completes', async () => {
    const sub = client.subscribe('subscription { denied }')
    await sub.expectError([{ message: 'not allowed' }])
    await sub.expectComplete()
  })

  test('a subscription to an unknown field errors at once', async () => {
    const sub = client.subscribe('subscription { nope }')
    await sub.expectError([{ message: expect.stringContaining('Cannot query field "nope"') }])
  })

  test('unsubscribe stops the stream; expectNone sees nothing more', async () => {
    const sub = client.subscribe('subscription { count(to: 50, every: 20) }')
    await sub.expect({ data: { count: 1 } })
    sub.unsubscribe()
    expect(client.conn.sent.at(-1).text).toMatch(/^\{"id":"\d+","type":"complete"\}$/)
    await expect(sub.expect({ data: { count: 50 } })).rejects.toThrow('the subscription was unsubscribed')
    // the connection is still good
    expect((await client.query('{ hello }')).data.hello).toBe('hello world')
  })

  test('expectNone passes while nothing matching arrives', async () => {
    const sub = client.subscribe('subscription { count(to: 2) }')
    await sub.expectNone({ data: { count: 7 } }, { within: 200 })
    await sub.expectComplete()
  })

  test('the server\'s pings are answered with pongs', async () => {
    expect((await client.query('mutation { pingMe }')).data.pingMe).toBe(true)
    expect((await client.query('{ pongs }')).data.pongs).toBe(1)
  })

  test('a bad token is refused with 4403 Forbidden', async () => {
    const err = await graphql.connect(url, { connectionParams: { token: 'wrong' } }).catch((e) => e)
    expect(err.message).toBe(`graphql.connect ${url}: the server refused the connection: it closed the connection with 4403 Forbidden before connection_ack`)
    expect(err.code).toBe(4403)
  })

  test('bad arguments throw a TypeError that says what is wrong', async () => {
    await expect(graphql.connect(url, { conectionParams: {} })).rejects.toThrow(
      'graphql.connect: unknown option "conectionParams"; did you mean "connectionParams"?')
    await expect(graphql.connect(url, { protocol: 'graphql' })).rejects.toThrow(
      'graphql.connect: option protocol must be one of "graphql-transport-ws", "graphql-ws", got the string "graphql"; did you mean "graphql-ws"?')
    expect(() => client.query({ query: '{ hello }' })).toThrow('query: document must be a string, got an object')
    expect(() => client.query('{ hello }', {}, { timeuot: 5 })).toThrow('did you mean "timeout"?')
  })
})

describe('the legacy graphql-ws protocol (subscriptions-transport-ws)', () => {
  test('is negotiated when the server only offers it', async () => {
    const client = await graphql.connect(legacyUrl, { connectionParams })
    expect(client.conn.protocol).toBe('graphql-ws')
    expect(await client.query('{ hello }')).toEqual({ data: { hello: 'hello world' } })
    await client.close()
  })

  test('queries, errors, and a subscription\'s stream and completion', async () => {
    const client = await graphql.connect(legacyUrl, { connectionParams, protocol: 'graphql-ws' })
    expect((await client.query('mutation Add { add(by: 1) }')).data.add).toEqual(expect.any(Number))
    const failed = await client.query('{ hello boom }')
    expect(failed).toMatchObject({ data: { hello: 'hello world', boom: null }, errors: [{ message: 'boom: the resolver failed' }] })
    expect((await client.query('{ nope }')).errors).toMatchObject([{ message: 'Cannot query field "nope" on type "Query".' }])

    const sub = client.subscribe('subscription { count(to: 3) }')
    for (const n of [1, 2, 3]) await sub.expect({ data: { count: n } })
    await sub.expectComplete()

    const broken = client.subscribe('subscription { failing }')
    await broken.expect({ data: { failing: 1 } })
    await broken.expectError([{ message: 'the stream broke' }])

    const denied = client.subscribe('subscription { denied }')
    await denied.expectError([{ message: 'not allowed' }])
    await denied.expectComplete()
    await client.close()
  })

  test('a bad token is refused with connection_error', async () => {
    await expect(graphql.connect(legacyUrl, { connectionParams: { token: 'wrong' } })).rejects.toThrow(
      `graphql.connect ${legacyUrl}: the server refused the connection: connection_error "Prohibited connection!"`)
  })
})
