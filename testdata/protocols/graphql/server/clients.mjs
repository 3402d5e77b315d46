// Drives a GraphQL server (argv[2], a `wsrun serve testdata/protocols/graphql/mock.js` mock) with
// the real clients a browser app uses: graphql-ws's createClient (graphql-transport-ws) and
// subscriptions-transport-ws's SubscriptionClient (legacy graphql-ws). Exits 0 when every check
// passes; otherwise prints what differed and exits 1.
import assert from 'node:assert/strict'
import WebSocket from 'ws'
import { createClient } from 'graphql-ws'
import pkg from 'subscriptions-transport-ws'
const { SubscriptionClient } = pkg

const url = process.argv[2]

// collect runs one operation to its end: every payload, then complete or the error.
function collect(subscribe) {
  return new Promise((resolve) => {
    const payloads = []
    subscribe({
      next: (p) => payloads.push(p),
      error: (error) => resolve({ payloads, error }),
      complete: () => resolve({ payloads }),
    })
  })
}

async function transport() {
  const client = createClient({ url, webSocketImpl: WebSocket, connectionParams: { token: 'demo' }, retryAttempts: 0, lazy: true })
  const run = (payload) => collect((sink) => client.subscribe(payload, sink))
  assert.deepEqual(await run({ query: 'query P($id: ID!) { product(id: $id) { name price } }', variables: { id: 'p1' } }),
    { payloads: [{ data: { product: { name: 'Teapot', price: 42 } } }] })
  assert.deepEqual(await run({ query: 'mutation { addToCart(id: "p2", qty: 2) { qty total } }' }),
    { payloads: [{ data: { addToCart: { qty: 2, total: 60 } } }] })
  assert.deepEqual(await run({ query: '{ boom }' }),
    { payloads: [{ data: { boom: null }, errors: [{ message: 'boom', path: ['boom'] }] }] })
  const invalid = await run({ query: '{ nope }' })
  assert.equal(invalid.error[0].message, 'Cannot query field "nope" on type "Query".')
  assert.deepEqual(await run({ query: 'subscription { priceChanged(id: "p1") { price } }' }), {
    payloads: [41, 40, 39].map((price) => ({ data: { priceChanged: { price } } })),
  })
  await client.dispose()

  const refused = createClient({ url, webSocketImpl: WebSocket, connectionParams: { token: 'x' }, retryAttempts: 0, lazy: true })
  const denied = await collect((sink) => refused.subscribe({ query: '{ products { id } }' }, sink))
  assert.equal(denied.error.code, 4403)
  await refused.dispose()
}

async function legacy() {
  const client = new SubscriptionClient(url, { connectionParams: { token: 'demo' }, reconnect: false }, WebSocket)
  const run = (query, variables) => collect((sink) => client.request({ query, variables }).subscribe(sink))
  assert.deepEqual(await run('{ products { id } }'), { payloads: [{ data: { products: [{ id: 'p1' }, { id: 'p2' }] } }] })
  assert.deepEqual(await run('subscription S($id: ID!) { priceChanged(id: $id) { id price } }', { id: 'p2' }), {
    payloads: [29, 28, 27].map((price) => ({ data: { priceChanged: { id: 'p2', price } } })),
  })
  client.close()
}

try {
  await transport()
  await legacy()
  console.log('ok')
  process.exit(0)
} catch (e) {
  console.log(e.stack ?? String(e))
  process.exit(1)
}
