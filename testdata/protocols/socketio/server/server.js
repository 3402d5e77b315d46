// A real Socket.IO 4 server for wsrun's protocol tests. It listens on 127.0.0.1 (PORT, or a
// free port) and prints "listening on PORT" once ready, so the Go test can read its address.
//
// Default namespace "/": refuses a handshake whose auth.token is not "secret" (CONNECT_ERROR
// "not authorized"); greets with "welcome"; "echo" acks its arguments back (or re-emits them
// as "echo" without an ack); "binary" acks a Buffer that is its argument reversed and emits
// "binary" with the original; "kick" disconnects the socket from the server side and
// closes its connection, "leave" disconnects the namespace only; "shout"
// broadcasts "news" to every socket; "ignored" is never acked (for timeouts), "slow" acks after its argument's ms; "ask" makes the
// server emit "question" with an ack and report the answer as "answer".
// Namespace "/admin": needs auth.token "admin-token"; "stats" acks { sockets: N }.
const { createServer } = require('node:http')
const { Server } = require('socket.io')

const http = createServer()
const io = new Server(http, { pingInterval: Number(process.env.PING_INTERVAL || 25000) })

io.use((socket, next) => {
  if (socket.handshake.auth.token !== 'secret') {
    return next(new Error('not authorized'))
  }
  next()
})

io.on('connection', (socket) => {
  socket.emit('welcome', { id: socket.id, user: socket.handshake.auth.user || null })
  socket.on('echo', (...args) => {
    const ack = typeof args[args.length - 1] === 'function' ? args.pop() : null
    if (ack) ack(...args)
    else socket.emit('echo', ...args)
  })
  socket.on('binary', (data, ack) => {
    const reversed = Buffer.from(data).reverse()
    socket.emit('binary', data)
    if (typeof ack === 'function') ack(reversed, { size: data.length })
  })
  socket.on('kick', () => socket.disconnect(true))
  socket.on('leave', () => socket.disconnect())
  socket.on('shout', (msg) => io.emit('news', msg))
  socket.on('ignored', () => {})
  socket.on('slow', (ms, ack) => setTimeout(() => ack('late'), ms))
  socket.on('ask', (q) => {
    socket.emit('question', q, (answer) => socket.emit('answer', answer))
  })
})

const admin = io.of('/admin')
admin.use((socket, next) => {
  if (socket.handshake.auth.token !== 'admin-token') {
    return next(new Error('admins only'))
  }
  next()
})
admin.on('connection', (socket) => {
  socket.on('stats', (ack) => ack({ sockets: io.of('/').sockets.size, admins: admin.sockets.size }))
})

http.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
  console.log(`listening on ${http.address().port}`)
})
// The Go test stops the server by closing its stdin (or killing it).
process.stdin.on('end', () => process.exit(0))
process.stdin.resume()
