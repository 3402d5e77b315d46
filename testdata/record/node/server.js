// A chat server written with Node's ws package, independent of wsrun, for wsrun record's
// end-to-end test. It listens on 127.0.0.1 (PORT, or a free port), prints "listening on PORT",
// and exits when its stdin closes. Every answer carries values it generates (UUIDs, ISO times,
// epoch-ms times, hex ids), which a recorded test must match by type.
//
// It wants "Authorization: Bearer s3cret" (else 401) and picks the subprotocol chat.v1 when
// offered. On connect it sends welcome; {type:'join', room, user} answers joined and tells the
// room's others; {type:'chat', text} goes to everyone in the room with a new id, and
// {type:'react', to: id, emoji} tells everyone in the room as a reaction; the text "ping" answers
// "pong"; a binary message comes back reversed; {type:'bye'} closes with 4000 "bye".
// With --changed, joined names the room in capitals: a recorded test must then fail.
const { WebSocketServer } = require('ws')
const crypto = require('node:crypto')

const changed = process.argv.includes('--changed')
const wss = new WebSocketServer({
  host: '127.0.0.1',
  port: Number(process.env.PORT || 0),
  perMessageDeflate: true,
  handleProtocols: (protocols) => (protocols.has('chat.v1') ? 'chat.v1' : false),
  verifyClient: (info, done) => {
    if (info.req.headers.authorization !== 'Bearer s3cret') return done(false, 401, 'Unauthorized')
    done(true)
  },
})

const users = new Map()
wss.on('connection', (socket) => {
  socket.send(JSON.stringify({ type: 'welcome', id: crypto.randomUUID(), at: new Date().toISOString() }))
  socket.on('message', (data, isBinary) => {
    if (isBinary) {
      socket.send(Buffer.from(data).reverse(), { binary: true })
      return
    }
    const text = data.toString()
    if (text === 'ping') {
      socket.send('pong')
      return
    }
    const msg = JSON.parse(text)
    if (msg.type === 'join') {
      users.set(socket, msg)
      const room = changed ? msg.room.toUpperCase() : msg.room
      socket.send(JSON.stringify({ type: 'joined', room, user: msg.user, session: crypto.randomBytes(12).toString('hex'), ts: Date.now() }))
      for (const [other, o] of users) {
        if (other !== socket && o.room === msg.room) other.send(JSON.stringify({ type: 'presence', user: msg.user, online: true }))
      }
    } else if (msg.type === 'chat') {
      const from = users.get(socket)
      const out = JSON.stringify({ type: 'chat', from: from.user, text: msg.text, id: crypto.randomUUID(), at: new Date().toISOString() })
      for (const [other, o] of users) if (o.room === from.room) other.send(out)
    } else if (msg.type === 'react') {
      const from = users.get(socket)
      const out = JSON.stringify({ type: 'reaction', to: msg.to, emoji: msg.emoji, by: from.user })
      for (const [other, o] of users) if (o.room === from.room) other.send(out)
    } else if (msg.type === 'bye') {
      socket.close(4000, 'bye')
    }
  })
  socket.on('close', () => users.delete(socket))
})

wss.on('listening', () => console.log(`listening on ${wss.address().port}`))
process.stdin.on('end', () => process.exit(0))
process.stdin.resume()
