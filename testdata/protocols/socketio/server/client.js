// The real socket.io-client against wsrun's socketio.serve mock (mock/chat.js): node client.js URL.
// Prints one JSON line of what it saw, or exits 1 with the error.
const { io } = require('socket.io-client')

const url = process.argv[2]
const timeout = (ms, what) => new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms))
const once = (socket, event) => new Promise((resolve) => socket.once(event, (...args) => resolve(args)))

async function main() {
  const seen = {}
  const refused = io(url, { transports: ['websocket'], auth: { token: 'wrong' }, reconnection: false })
  const [err] = await Promise.race([once(refused, 'connect_error'), timeout(3000, 'connect_error')])
  seen.refused = { message: err.message, data: err.data }
  refused.close()

  const socket = io(url, { transports: ['websocket'], auth: { token: 'secret', user: 'ann' }, reconnection: false })
  const welcome = once(socket, 'welcome')
  await Promise.race([once(socket, 'connect'), timeout(3000, 'connect')])
  seen.welcome = (await welcome)[0].user
  seen.idMatches = (await welcome)[0].id === socket.id
  seen.echo = await socket.timeout(2000).emitWithAck('echo', 'hi', { n: 1 })
  const [reversed, meta] = await new Promise((resolve, reject) =>
    socket.timeout(2000).emit('binary', Buffer.from([1, 2, 3]), (e, ...args) => (e ? reject(e) : resolve(args))))
  seen.binary = [...reversed]
  seen.binaryMeta = meta
  socket.on('question', (q, ack) => ack(q + '!'))
  const answer = once(socket, 'answer')
  socket.emit('ask', 'ready')
  seen.answer = (await Promise.race([answer, timeout(3000, 'answer')]))[0]
  // Longer than pingInterval + pingTimeout (1.2 s): without the mock's pings, socket.io-client
  // would disconnect with 'ping timeout'.
  await new Promise((r) => setTimeout(r, 1500))
  seen.stillConnected = socket.connected
  const reason = once(socket, 'disconnect')
  socket.emit('kick')
  seen.disconnect = (await Promise.race([reason, timeout(3000, 'disconnect')]))[0]
  console.log(JSON.stringify(seen))
  process.exit(0)
}

main().catch((e) => {
  console.error(e.stack || String(e))
  process.exit(1)
})
