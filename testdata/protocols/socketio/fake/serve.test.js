// socketio.serve and socketio.connect, both wsrun's, in one script: the server side's API.
import { socketio } from 'wsrun/socketio'

let server
const seen = []
beforeAll(async () => {
  server = await socketio.serve(
    { namespaces: ['/', '/admin'], authorize: (auth, hs) => (hs.namespace === '/admin' ? auth.token === 'root' || 'admins only' : true) },
    (socket, handshake) => {
      seen.push(`${handshake.namespace} ${handshake.auth.user ?? '-'} ${handshake.query.EIO}`)
      socket.on('echo', (...args) => args.pop()(...args))
      socket.on('disconnect', (reason) => seen.push(`gone ${reason}`))
    },
  )
})
afterAll(() => server.close())

test('connects, acks, broadcasts, and hears the client leave', async () => {
  expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  const ann = await socketio.connect(server.url, { auth: { user: 'ann' } })
  const bob = await socketio.connect(server.url, { auth: { user: 'bob' } })
  expect(await ann.emitWithAck('echo', 'hi', new Uint8Array([7]))).toBe('hi')
  expect(server.sockets.map((s) => s.handshake.auth.user)).toEqual(['ann', 'bob'])
  server.emit('news', 'for all')
  await Promise.all([ann.expect('news', ['for all']), bob.expect('news', ['for all'])])
  await ann.close()
  await sleep(50)
  expect(server.sockets.length).toBe(1)
  expect(seen).toEqual(['/ ann 4', '/ bob 4', 'gone client namespace disconnect'])
})

test('namespaces: refused by authorize, unknown, and accepted', async () => {
  await expect(socketio.connect(server.url + '/admin', { auth: { token: 'x' } })).rejects.toThrow('admins only')
  await expect(socketio.connect(server.url + '/nope')).rejects.toThrow('Invalid namespace')
  const admin = await socketio.connect(server.url + '/admin', { auth: { token: 'root' } })
  expect(admin.connected).toBe(true)
})

test('the server closes a socket', async () => {
  const carl = await socketio.connect(server.url, { auth: { user: 'carl' } })
  const [socket] = server.sockets.filter((s) => s.handshake.auth.user === 'carl')
  await socket.close()
  await carl.expectDisconnect({ reason: 'io server disconnect' })
})

test('long-polling is refused with a hint', async () => {
  const res = await fetch(server.url + '/socket.io/?EIO=4&transport=polling')
  expect(res.status).toBe(400)
  expect((await res.json()).message).toContain("transports: ['websocket']")
})

test('over() takes only a Connection; close() takes no code; the server refuses what socket.io would', async () => {
  await expect(socketio.over({ send() {}, on() {} })).rejects.toThrow('socketio.over: conn must be a Connection (from ws.connect or ws.serve), got an object')
  const socket = await socketio.connect(server.url)
  await expect(socket.close(4000)).rejects.toThrow(
    'socket.close() takes no arguments: it leaves the namespace (DISCONNECT), got the number 4000; to close the connection with a code, call socket.conn.close(code, reason)')
  expect(socket.connected).toBe(true)
  await socket.close()
  expect(() => server.emit('disconnect')).toThrow('server.emit: "disconnect" is a reserved event name')
  expect(() => server.close(4000)).toThrow('server.close() takes no arguments')
})
