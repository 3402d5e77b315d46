// "subscribe, send and expect" of module.test.js, written with raw frames as a user had to
// before wsrun/stomp: hand-built frames with NUL terminators, a receipt id to wait for the
// subscription, and string matchers over whole frames (a header order change breaks them).
import { connect } from 'wsrun/ws'

const url = process.env.WSRUN_STOMP_URL
const login = process.env.WSRUN_STOMP_LOGIN || 'guest'
const passcode = process.env.WSRUN_STOMP_PASSCODE || 'guest'

const frame = (command, headers, body = '') =>
  command + '\n' + Object.entries(headers).map(([k, v]) => `${k}:${v}\n`).join('') + '\n' + body + '\0'

test('subscribe, send and expect', async () => {
  const conn = await connect(url, { protocols: ['v12.stomp'], parse: 'text' })
  conn.send(frame('CONNECT', { 'accept-version': '1.2', host: '/', login, passcode, 'heart-beat': '0,0' }))
  await conn.expect(/^CONNECTED\n/)
  const q = `/queue/wsrun-raw-${Math.random().toString(36).slice(2, 10)}`
  conn.send(frame('SUBSCRIBE', { id: '0', destination: q, ack: 'auto', receipt: 'sub-0' }))
  await conn.expect((m) => m.startsWith('RECEIPT\n') && m.includes('receipt-id:sub-0\n'))
  conn.send(frame('SEND', { destination: q, 'content-length': 5 }, 'first'))
  conn.send(frame('SEND', { destination: q, priority: 5, 'content-length': 6 }, 'second'))
  const second = await conn.expect((m) => m.startsWith('MESSAGE\n') && /\n\nsecond\0/.test(m))
  expect(second).toContain('priority:5\n')
  await conn.expect((m) => m.startsWith('MESSAGE\n') && /\n\nfirst\0/.test(m))
  conn.send(frame('DISCONNECT', { receipt: 'bye' }))
  await conn.expectClose() // RabbitMQ closes instead of sending the RECEIPT
})
