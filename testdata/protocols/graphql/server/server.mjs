// Two real GraphQL over WebSocket servers on 127.0.0.1, one schema, for wsrun's protocol tests:
//   - graphql-ws 6 (subprotocol graphql-transport-ws) on the `ws` package;
//   - subscriptions-transport-ws 0.11 (the legacy subprotocol graphql-ws), which accepts only
//     the graphql-ws subprotocol, as a legacy-only server does.
// Both refuse connection_init unless connectionParams.token is "secret". Prints one JSON line,
// {"transport":"ws://…","legacy":"ws://…"}, once both listen; runs until killed.
import { WebSocketServer } from 'ws'
import { useServer } from 'graphql-ws/use/ws'
import { SubscriptionServer } from 'subscriptions-transport-ws'
import { buildSchema, execute, subscribe } from 'graphql'

const schema = buildSchema(`
  type Query {
    hello(name: String): String!
    boom: String
    slow(ms: Int!): String
    pongs: Int!
  }
  type Mutation {
    add(by: Int!): Int!
    pingMe: Boolean!
  }
  type Subscription {
    count(to: Int!, every: Int): Int!
    failing: Int!
    denied: Int!
  }
`)

let total = 0
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const roots = {
  hello: ({ name }) => `hello ${name ?? 'world'}`,
  boom: () => { throw new Error('boom: the resolver failed') },
  slow: async ({ ms }) => { await sleep(ms); return 'done' },
  pongs: (_args, ctx) => ctx.pongs?.count ?? 0,
  add: ({ by }) => (total += by),
  // Sends a graphql-transport-ws ping the client must answer with a pong (pongs counts them).
  pingMe: (_args, ctx) => {
    if (!ctx.socket) return false
    ctx.socket.send(JSON.stringify({ type: 'ping' }))
    return true
  },
  count: async function* ({ to, every }) {
    for (let i = 1; i <= to; i++) {
      await sleep(every ?? 10)
      yield { count: i }
    }
  },
  // Throws before any event: graphql answers with { errors } alone, then the operation completes.
  denied: () => { throw new Error('not allowed') },
  failing: async function* () {
    yield { failing: 1 }
    throw new Error('the stream broke')
  },
}

const authorized = (params) => params?.token === 'secret'

// graphql-transport-ws
const transportWss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/graphql' })
const pongsBySocket = new WeakMap()
useServer(
  {
    schema,
    roots: { query: roots, mutation: roots, subscription: roots },
    rootValue: roots,
    onConnect: (ctx) => authorized(ctx.connectionParams), // false: close 4403 Forbidden
    onPong: (ctx) => { pongsBySocket.get(ctx.extra.socket).count++ },
    context: (ctx) => ({ socket: ctx.extra.socket, pongs: pongsBySocket.get(ctx.extra.socket) }),
  },
  transportWss,
)
transportWss.on('connection', (socket) => pongsBySocket.set(socket, { count: 0 }))

// legacy graphql-ws (subscriptions-transport-ws)
const legacy = SubscriptionServer.create(
  {
    schema,
    execute,
    subscribe,
    rootValue: roots,
    onConnect: (params) => authorized(params), // false: connection_error "Prohibited connection!"
  },
  {
    host: '127.0.0.1',
    port: 0,
    path: '/graphql',
    handleProtocols: (protocols) => ([...protocols].includes('graphql-ws') ? 'graphql-ws' : false),
  },
)

const listening = (wss) => new Promise((resolve) => {
  if (wss.address()) resolve(wss.address())
  else wss.once('listening', () => resolve(wss.address()))
})
const [t, l] = await Promise.all([listening(transportWss), listening(legacy.server)])
console.log(JSON.stringify({
  transport: `ws://127.0.0.1:${t.port}/graphql`,
  legacy: `ws://127.0.0.1:${l.port}/graphql`,
}))
