// graphql.serve, the mock server side, driven by the module's own client in both protocols.
import { graphql } from 'wsrun/graphql'

const products = [
  { id: 'p1', name: 'Teapot', price: 42, tags: ['kitchen'] },
  { id: 'p2', name: 'Kettle', price: 30, tags: [] },
]

let server
beforeAll(async () => {
  server = await graphql.serve({
    onConnect: (params) => params.token === 'demo',
    resolvers: {
      Query: {
        product: ({ id }) => products.find((p) => p.id === id),
        products: () => products.map((p) => ({ ...p, __typename: 'Product', label: ({ upper }) => (upper ? p.name.toUpperCase() : p.name) })),
        me: (_args, ctx) => ({ token: ctx.connectionParams.token }),
        boom: () => { throw new Error('boom') },
      },
      Mutation: {
        rename: async ({ id, name }) => {
          await sleep(5)
          return { ...products.find((x) => x.id === id), name }
        },
      },
      Subscription: {
        countdown: async function* ({ from }) {
          for (let n = from; n > 0; n--) {
            await sleep(10)
            yield n
          }
        },
        ticks: async function* () {
          for (let n = 1; ; n++) {
            await sleep(20)
            yield { n }
          }
        },
        broken: async function* () {
          yield 1
          throw new Error('the feed broke')
        },
      },
    },
  })
})
afterAll(() => server.close())

for (const protocol of ['graphql-transport-ws', 'graphql-ws']) {
  describe(protocol, () => {
    let client
    beforeEach(async () => {
      client = await graphql.connect(server.url, { protocol, connectionParams: { token: 'demo' } })
    })

    test('queries cut values to the selection, with aliases, arguments, variables and fragments', async () => {
      expect(await client.query('query P($id: ID!) { product(id: $id) { name price } }', { id: 'p1' }))
        .toEqual({ data: { product: { name: 'Teapot', price: 42 } } })
      expect(await client.query(`
        query All($up: Boolean = true) {
          items: products { ...Bits label(upper: $up) tags @skip(if: true) }
          me { token }
        }
        fragment Bits on Product { id __typename }`))
        .toEqual({ data: { items: [
          { id: 'p1', __typename: 'Product', label: 'TEAPOT' },
          { id: 'p2', __typename: 'Product', label: 'KETTLE' },
        ], me: { token: 'demo' } } })
    })

    test('a mutation', async () => {
      const { data } = await client.query('mutation { rename(id: "p2", name: "Kettle 2") { id name } }')
      expect(data).toEqual({ rename: { id: 'p2', name: 'Kettle 2' } })
    })

    test('a resolver that throws, an unknown field and a syntax error', async () => {
      expect(await client.query('{ boom product(id: "p1") { id } }')).toEqual({
        data: { boom: null, product: { id: 'p1' } },
        errors: [{ message: 'boom', path: ['boom'] }],
      })
      expect(await client.query('{ nope }')).toEqual({
        errors: [{ message: 'Cannot query field "nope" on type "Query".', locations: [{ line: 1, column: 3 }] }],
      })
      expect((await client.query('{ product(id: ) }')).errors).toEqual([{ message: 'Syntax Error: Unexpected ")".' }])
    })

    test('a subscription streams, then completes; unsubscribe stops one', async () => {
      const sub = client.subscribe('subscription { left: countdown(from: 3) }')
      for (const n of [3, 2, 1]) await sub.expect({ data: { left: n } })
      await sub.expectComplete()

      const ticks = client.subscribe('subscription { ticks { n } }')
      await ticks.expect({ data: { ticks: { n: 2 } } })
      ticks.unsubscribe()
      await sleep(30) // a tick already on its way may still come
      const seen = client.conn.messages.length
      await sleep(60)
      expect(client.conn.messages.length).toBe(seen) // the server stopped the stream
      expect(await client.query('{ me { token } }')).toEqual({ data: { me: { token: 'demo' } } })
    })

    test('a stream that throws ends with an error', async () => {
      const sub = client.subscribe('subscription { broken }')
      await sub.expect({ data: { broken: 1 } })
      await sub.expectError([{ message: 'the feed broke' }])
    })

    test('a bad token is refused', async () => {
      await expect(graphql.connect(server.url, { protocol, connectionParams: { token: 'x' } }))
        .rejects.toThrow(protocol === 'graphql-ws' ? 'connection_error "Prohibited connection!"' : '4403 Forbidden')
    })
  })
}

test('graphql.serve checks its options', async () => {
  await expect(graphql.serve({ resolvers: { query: {} } })).rejects.toThrow(
    'graphql.serve: resolvers has "query", not a root type; did you mean "Query"?')
  await expect(graphql.serve({ resolver: {} })).rejects.toThrow('did you mean "resolvers"?')
  await expect(graphql.serve({})).rejects.toThrow('graphql.serve: option resolvers is required')
})

test('a raw client that breaks the protocol is closed with graphql-ws\'s codes', async () => {
  const early = await ws.connect(server.url, { protocols: ['graphql-transport-ws'] })
  early.send({ id: '1', type: 'subscribe', payload: { query: '{ me { token } }' } })
  await early.expectClose({ code: 4401, reason: 'Unauthorized' })
  const bad = await ws.connect(server.url, { protocols: ['graphql-transport-ws'] })
  bad.send('not json')
  await bad.expectClose({ code: 4400 })
})
