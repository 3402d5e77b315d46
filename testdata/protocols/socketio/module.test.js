// The Socket.IO scenario of raw.test.js and more, written with wsrun/socketio against the real
// socket.io 4 server of server/server.js (its URL in SOCKETIO_URL).
import { socketio } from 'wsrun/socketio'

const url = process.env.SOCKETIO_URL
const auth = { token: 'secret' }

test('connects with auth and hears the welcome', async () => {
  const socket = await socketio.connect(url, { auth: { ...auth, user: 'ann' }, name: 'ann' })
  expect(socket.connected).toBe(true)
  expect(socket.id).toMatch(/^[\w-]{20}$/)
  const [welcome] = await socket.expect('welcome', [{ user: 'ann' }])
  expect(welcome.id).toBe(socket.id)
  expect(socket.conn.name).toBe('ann')
  await socket.close()
  expect(socket.connected).toBe(false)
  expect(socket.conn.closed).toBe(true)
})

test('a bad token is refused with the server message', async () => {
  const err = await socketio.connect(url, { auth: { token: 'wrong' } }).catch((e) => e)
  expect(err).toBeInstanceOf(Error)
  expect(err.message).toBe('not authorized')
  await expect(socketio.connect(url)).rejects.toThrow('not authorized')
})

test('acks: emitWithAck, callbacks and timeout(ms)', async () => {
  const socket = await socketio.connect(url, { auth })
  expect(await socket.emitWithAck('echo', 'hi', 42)).toBe('hi')
  expect(await socket.timeout(2000).emitWithAck('echo', { n: 1 })).toEqual({ n: 1 })
  const viaCallback = await new Promise((resolve) => socket.emit('echo', 'cb', 7, (...args) => resolve(args)))
  expect(viaCallback).toEqual(['cb', 7])
  const withTimeout = await new Promise((resolve) => socket.timeout(2000).emit('echo', 'late?', (err, v) => resolve([err, v])))
  expect(withTimeout).toEqual([null, 'late?'])
  const timedOut = await new Promise((resolve) => socket.timeout(50).emit('ignored', (err) => resolve(err)))
  expect(timedOut.message).toBe('operation has timed out')
  const err = await socket.timeout(100).emitWithAck('ignored', 'x').catch((e) => e)
  expect(err.message).toContain('emitWithAck timed out after 100ms waiting for the ack of ignored ["x"]')
  // An ack that comes after its wait gave up is dropped, as socket.io-client drops it.
  await expect(socket.timeout(50).emitWithAck('slow', 150)).rejects.toThrow('emitWithAck timed out after 50ms')
  await sleep(250)
  // The connection is still fine after a timed-out ack.
  expect(await socket.emitWithAck('echo', 'still here')).toBe('still here')
})

test('events: expect with an args matcher, expectNone, on/off', async () => {
  const socket = await socketio.connect(url, { auth })
  await socket.expect('welcome')
  const seen = []
  const off = socket.on('echo', (...args) => seen.push(args))
  socket.emit('echo', 'one', 1)
  socket.emit('echo', 'two', 2)
  expect(await socket.expect('echo', ['two', expect.anything()])).toEqual(['two', 2])
  expect(await socket.expect('echo')).toEqual(['one', 1])
  off()
  socket.emit('echo', 'three')
  await socket.expect('echo', ['three'])
  expect(seen).toEqual([['one', 1], ['two', 2]])
  await socket.expectNone('echo', undefined, { within: 100 })
})

test('the server asks for an ack and gets the handler answer', async () => {
  const socket = await socketio.connect(url, { auth })
  socket.on('question', (q, ack) => ack(q + '!'))
  socket.emit('ask', 'ready')
  await socket.expect('answer', ['ready!'])
  // expect resolves with the ack function last, like a handler's arguments.
  socket.emit('ask', 'again')
  const [q, ack] = await socket.expect('question', ['again'])
  expect(q).toBe('again')
  expect(typeof ack).toBe('function')
})

test('binary attachments both ways', async () => {
  const socket = await socketio.connect(url, { auth })
  const bytes = new Uint8Array([1, 2, 3, 250])
  const reversed = await socket.emitWithAck('binary', bytes)
  expect(reversed).toBeInstanceOf(Uint8Array)
  expect(Array.from(reversed)).toEqual([250, 3, 2, 1])
  const [echoed] = await socket.expect('binary', [expect.any(Uint8Array)])
  expect(Array.from(echoed)).toEqual([1, 2, 3, 250])
  // An ArrayBuffer inside an object is an attachment too.
  const ack = await socket.emitWithAck('binary', new Uint8Array([9, 8]).buffer)
  expect(Array.from(ack)).toEqual([8, 9])
})

test('a server-initiated disconnect', async () => {
  const socket = await socketio.connect(url, { auth })
  const reasons = []
  socket.on('disconnect', (reason) => reasons.push(reason))
  socket.emit('kick')
  expect(await socket.expectDisconnect({ reason: 'io server disconnect' })).toEqual({ reason: 'io server disconnect' })
  expect(socket.connected).toBe(false)
  expect(reasons).toEqual(['io server disconnect'])
  expect(() => socket.emit('echo', 'x')).toThrow('the socket is not connected')
  await expect(socket.expect('news')).rejects.toThrow('io server disconnect')
})

test('the transport closing is a "transport close" disconnect', async () => {
  const socket = await socketio.connect(url, { auth })
  await socket.conn.close()
  await socket.expectDisconnect({ reason: 'transport close' })
})

test('a broadcast reaches every socket', async () => {
  const a = await socketio.connect(url, { auth, name: 'a' })
  const b = await socketio.connect(url, { auth, name: 'b' })
  a.emit('shout', 'hello all')
  await Promise.all([a.expect('news', ['hello all']), b.expect('news', ['hello all'])])
})

test('the /admin namespace, alone and over the same connection', async () => {
  const admin = await socketio.connect(url + '/admin', { auth: { token: 'admin-token' } })
  expect(await admin.emitWithAck('stats')).toMatchObject({ admins: 1 })
  await expect(socketio.connect(url, { namespace: '/admin', auth })).rejects.toThrow('admins only')
  const main = await socketio.connect(url, { auth, name: 'main' })
  const second = await main.of('/admin', { auth: { token: 'admin-token' } })
  expect(second.conn).toBe(main.conn)
  expect(second.id).not.toBe(main.id)
  expect(await second.emitWithAck('stats')).toMatchObject({ sockets: 1, admins: 2 })
  await second.close()
  expect(main.conn.closed).toBe(false) // the default namespace still uses it
  expect(await main.emitWithAck('echo', 'ok')).toBe('ok')
})

test('over an existing Connection', async () => {
  const conn = await ws.connect(url.replace('http', 'ws') + '/socket.io/?EIO=4&transport=websocket', { name: 'raw' })
  const socket = await socketio.over(conn, { auth })
  expect(await socket.emitWithAck('echo', 'over')).toBe('over')
  await socket.close()
  expect(conn.closed).toBe(false)
  await conn.close()
})

test('options are checked', async () => {
  await expect(socketio.connect(url, { namspace: '/admin' })).rejects.toThrow('socketio.connect: unknown option "namspace"; did you mean "namespace"?')
  await expect(socketio.connect(url, { timeout: 'soon' })).rejects.toThrow('socketio.connect: option timeout must be a number of ms (0 or more), got the string "soon"')
  await expect(socketio.connect('localhost:3000')).rejects.toThrow('is not an http, https, ws or wss URL')
  const socket = await socketio.connect(url, { auth })
  expect(() => socket.emit('disconnect')).toThrow('"disconnect" is a reserved event name')
  expect(() => socket.expectDisconnect({ reson: 'x' })).toThrow('did you mean "reason"?')
})
