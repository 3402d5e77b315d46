// An order queue over STOMP, as a Spring or RabbitMQ backend exposes it to a browser app. The
// broker is a small one scripted here with ws.serve (CONNECT, SUBSCRIBE, SEND, ACK/NACK with
// redelivery, receipts), so the suite runs anywhere; set STOMP_URL (and STOMP_LOGIN,
// STOMP_PASSCODE) to run it against a real broker such as RabbitMQ's web-stomp instead.
import { stomp } from 'wsrun/stomp'

let server
let url = process.env.STOMP_URL
const login = process.env.STOMP_LOGIN || 'guest'
const passcode = process.env.STOMP_PASSCODE || 'guest'

// A toy broker: one queue per destination, each message to one subscriber, redelivered with
// redelivered:true after a NACK. Frames are parsed just enough for this suite.
function startBroker() {
  const queues = new Map() // destination → [{ conn, id, ack }]
  let nextId = 0
  const parse = (text) => {
    const [head, ...rest] = text.replace(/\0\n*$/, '').split('\n\n')
    const [command, ...lines] = head.split('\n')
    const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1)]))
    return { command, headers, body: rest.join('\n\n') }
  }
  const deliver = (destination, body, extra, redelivered) => {
    const subs = queues.get(destination) || []
    const sub = subs.find((s) => !s.conn.closed)
    if (!sub) return
    const id = `m-${++nextId}`
    if (sub.ack !== 'auto') sub.pending.set(id, { destination, body, extra })
    sub.conn.send(`MESSAGE\nsubscription:${sub.id}\ndestination:${destination}\nmessage-id:${id}\nack:${id}\nredelivered:${redelivered}\n${extra}\n${body}\0`)
  }
  return ws.serve({ protocols: ['v12.stomp'], parse: 'text' }, (conn) => {
    const mine = []
    conn.on('message', (text) => {
      if (text === '\n') return // heart-beat
      const f = parse(text)
      const receipt = () => f.headers.receipt && conn.send(`RECEIPT\nreceipt-id:${f.headers.receipt}\n\n\0`)
      switch (f.command) {
        case 'CONNECT':
          if (f.headers.passcode !== passcode) {
            conn.send(`ERROR\nmessage:Bad CONNECT\ncontent-type:text/plain\n\nAccess refused for user '${f.headers.login}'\0`)
            conn.close()
            return
          }
          conn.send('CONNECTED\nversion:1.2\nheart-beat:0,0\nserver:toy-broker\n\n\0')
          return
        case 'SUBSCRIBE': {
          const sub = { conn, id: f.headers.id, ack: f.headers.ack || 'auto', pending: new Map() }
          mine.push(sub)
          queues.set(f.headers.destination, [...(queues.get(f.headers.destination) || []), sub])
          return receipt()
        }
        case 'SEND': {
          const type = f.headers['content-type'] ? `content-type:${f.headers['content-type']}\n` : ''
          deliver(f.headers.destination, f.body, type, false)
          return receipt()
        }
        case 'ACK':
        case 'NACK':
          for (const sub of mine) {
            const m = sub.pending.get(f.headers.id)
            if (!m) continue
            sub.pending.delete(f.headers.id)
            if (f.command === 'NACK') deliver(m.destination, m.body, m.extra, true)
          }
          return receipt()
        case 'DISCONNECT':
          receipt()
          conn.close()
      }
    })
  })
}

beforeAll(async () => {
  if (url) return
  server = await startBroker()
  url = server.url
})

afterAll(() => server && server.close())

const queue = (name) => `/queue/${name}-${Math.random().toString(36).slice(2, 8)}`

test('a wrong passcode is refused with the broker\'s message', async () => {
  await expect(stomp.connect(url, { login, passcode: 'nope' })).rejects.toThrow(/Access refused/)
})

test('the kitchen receives the orders the till sends', async () => {
  const till = await stomp.connect(url, { login, passcode, name: 'till' })
  const kitchen = await stomp.connect(url, { login, passcode, name: 'kitchen' })
  const orders = queue('orders')
  const incoming = await kitchen.subscribe(orders) // resolves once the broker has the subscription
  await till.send(orders, { table: 4, dish: 'soup' }, { receipt: true })
  await till.send(orders, 'ring the bell')
  const order = await incoming.expect({ dish: 'soup' })
  expect(order.headers['content-type']).toBe('application/json')
  expect(order.json).toEqual({ table: 4, dish: 'soup' })
  await incoming.expect('ring the bell')
  await till.disconnect()
  await kitchen.disconnect()
})

test('an order the kitchen cannot cook is nacked and comes back', async () => {
  const kitchen = await stomp.connect(url, { login, passcode, name: 'kitchen' })
  const orders = queue('orders')
  const incoming = await kitchen.subscribe(orders, { ack: 'client-individual' })
  await kitchen.send(orders, { dish: 'soufflé' })
  const first = await incoming.expect({ dish: 'soufflé' })
  expect(first.headers.redelivered).toBe('false')
  await first.nack()
  const again = await incoming.expect({ dish: 'soufflé' })
  expect(again.headers.redelivered).toBe('true')
  await again.ack({ receipt: true })
  await incoming.expectNone(undefined, { within: 100 })
  await kitchen.disconnect()
})
