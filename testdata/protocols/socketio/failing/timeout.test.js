// Fails on purpose: what a Socket.IO wait that times out prints (golden-tested by
// protocol_socketio_test.go against the real server).
import { socketio } from 'wsrun/socketio'

const url = process.env.SOCKETIO_URL

test('an event that never comes', async () => {
  const socket = await socketio.connect(url, { auth: { token: 'secret', user: 'ann' }, name: 'ann' })
  await socket.expect('welcome') // so the transcript's order is always the same
  socket.emit('echo', 'hello', { from: 'ann' })
  socket.emit('echo', 'typing')
  await socket.expect('echo', ['hello', { from: 'bob' }], { timeout: 300 })
})

test('an ack that never comes', async () => {
  const socket = await socketio.connect(url, { auth: { token: 'secret' }, name: 'bob' })
  await socket.expect('welcome')
  socket.emit('echo', 'noise')
  await socket.timeout(200).emitWithAck('ignored', 'please answer')
})

test('a disconnect with another reason', async () => {
  const socket = await socketio.connect(url, { auth: { token: 'secret' }, name: 'carl' })
  await socket.expect('welcome')
  socket.emit('leave') // the server disconnects the namespace and keeps the connection
  await socket.expectDisconnect({ reason: 'transport close', timeout: 300 })
})
