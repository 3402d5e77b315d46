// A browserless client of server.js written with Node's ws package: two users chat through the
// URL given as the first argument (wsrun record's listen address). Each step waits for its
// answer, so the session is the same every run. Exits 0 when the session went as expected.
const WebSocket = require('ws')

const url = process.argv[2]
const headers = { Authorization: 'Bearer s3cret', 'User-Agent': 'record-fixture' }

function open(path, options) {
  const socket = new WebSocket(url + path, ['chat.v1'], { headers, ...options })
  const inbox = []
  let waiting = null
  socket.on('message', (data, isBinary) => {
    inbox.push(isBinary ? data : data.toString())
    if (waiting) waiting()
  })
  socket.next = () => new Promise((resolve) => {
    const take = () => { waiting = null; resolve(inbox.shift()) }
    if (inbox.length) take()
    else waiting = take
  })
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket))
    socket.once('error', reject)
  })
}

async function main() {
  const alice = await open('/chat?room=lobby', { perMessageDeflate: false })
  await alice.next() // welcome
  alice.send(JSON.stringify({ type: 'join', room: 'lobby', user: 'alice' }))
  await alice.next() // joined
  const bob = await open('/chat?room=lobby', { perMessageDeflate: true })
  await bob.next() // welcome
  bob.send(JSON.stringify({ type: 'join', room: 'lobby', user: 'bob' }))
  await bob.next() // joined
  await alice.next() // presence
  alice.send(JSON.stringify({ type: 'chat', text: 'hi bob' }))
  await alice.next()
  const chat = JSON.parse(await bob.next())
  bob.send(JSON.stringify({ type: 'react', to: chat.id, emoji: '+1' })) // refers to a server-made id
  await alice.next()
  await bob.next()
  alice.send(Buffer.from([1, 2, 3, 250]))
  await alice.next()
  bob.send('ping')
  if ((await bob.next()) !== 'pong') throw new Error('no pong')
  alice.close(1000, 'done')
  await new Promise((resolve) => alice.once('close', resolve))
  bob.send(JSON.stringify({ type: 'bye' }))
  const code = await new Promise((resolve) => bob.once('close', resolve))
  if (code !== 4000) throw new Error(`bob was closed with ${code}, want 4000`)
  console.log('done')
}

main().catch((err) => { console.error(err); process.exit(1) })
