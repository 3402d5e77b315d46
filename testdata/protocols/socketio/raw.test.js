// Before wsrun/socketio: the Socket.IO scenario of module.test.js in raw frames. Engine.IO's
// open packet, its pings, the CONNECT packets, ack ids and the binary placeholders are all the
// script's business.
const url = process.env.SOCKETIO_URL.replace(/^http/, 'ws') + '/socket.io/?EIO=4&transport=websocket'

async function open(auth) {
  const conn = await ws.connect(url, { parse: 'text' })
  conn.on('message', (m) => m === '2' && conn.send('3')) // Engine.IO heartbeat
  await conn.expect(/^0\{/) // Engine.IO open packet
  conn.send('40' + JSON.stringify(auth))
  return conn
}

function args(frame, prefix) {
  return JSON.parse(frame.slice(prefix.length))
}

test('a bad token is refused', async () => {
  const conn = await open({ token: 'wrong' })
  const refused = await conn.expect(/^44/)
  expect(args(refused, '44')).toEqual({ message: 'not authorized' })
})

test('acks', async () => {
  const conn = await open({ token: 'secret' })
  await conn.expect(/^40\{"sid"/)
  conn.send('421' + JSON.stringify(['echo', 'hi', 42]))
  const ack = await conn.expect(/^431\[/)
  expect(args(ack, '431')[0]).toBe('hi')
})

test('binary attachments', async () => {
  const conn = await open({ token: 'secret' })
  await conn.expect(/^40\{"sid"/)
  conn.send('451-2' + JSON.stringify(['binary', { _placeholder: true, num: 0 }]))
  conn.send(new Uint8Array([1, 2, 3, 250]))
  await conn.expect(/^461-2\[/) // then its attachment, a binary frame
  const bytes = await conn.expect((m) => m instanceof Uint8Array && m[0] === 250)
  expect(Array.from(bytes)).toEqual([250, 3, 2, 1])
})

test('a server-initiated disconnect', async () => {
  const conn = await open({ token: 'secret' })
  await conn.expect(/^40\{"sid"/)
  conn.send('42' + JSON.stringify(['kick']))
  await conn.expect('41')
  await conn.expectClose()
})
