// A GraphQL mock backend for `wsrun serve`: what a frontend developer runs while the real API is
// not there. protocol_graphql_test.go drives it with the real graphql-ws and
// subscriptions-transport-ws clients (server/clients.mjs).
import { graphql } from 'wsrun/graphql'

const products = [
  { id: 'p1', name: 'Teapot', price: 42 },
  { id: 'p2', name: 'Kettle', price: 30 },
]

graphql.serve({
    onConnect: (params) => params.token === 'demo',
  resolvers: {
    Query: {
      product: ({ id }) => products.find((p) => p.id === id) ?? null,
      products: () => products,
      boom: () => { throw new Error('boom') },
    },
    Mutation: {
      addToCart: ({ id, qty }) => ({ id, qty, total: qty * products.find((p) => p.id === id).price }),
    },
    Subscription: {
      priceChanged: async function* ({ id }) {
        const p = products.find((x) => x.id === id)
        for (const delta of [-1, -2, -3]) {
          await sleep(10)
          yield { id, price: p.price + delta }
        }
      },
    },
  },
})
