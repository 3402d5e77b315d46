// Engine.IO's heartbeat and the server's protocol violations, against a scripted server
// (ws.serve), so the failures are exact. Every test but the first fails on purpose;
// protocol_socketio_test.go checks each message.
import { socketio } from 'wsrun/socketio'

// serve starts a Socket.IO server scripted by onConnection(conn), which runs after the
// Engine.IO open packet (with the given heartbeat) and the namespace's CONNECT were answered.
async function serve(heartbeat, onConnection) {
  const server = await ws.serve({ path: '/socket.io/', parse: 'text' }, async (conn) => {
    conn.send('0' + JSON.stringify({ sid: 'engine-sid', upgrades: [], maxPayload: 1000, ...heartbeat }))
    await conn.expect(/^40/)
    conn.send('40{"sid":"socket-sid"}')
    await onConnection(conn)
  })
  return server.url.replace(/\/socket\.io\/$/, '')
}

test('pings are answered with pongs', async () => {
  // Five pings 60 ms apart outlast one pingInterval + pingTimeout (100 ms): the client must
  // restart its clock at each ping.
  const url = await serve({ pingInterval: 60, pingTimeout: 40 }, async (conn) => {
    for (let i = 0; i < 5; i++) {
      await sleep(60)
      conn.send('2')
      await conn.expect('3')
    }
    conn.send('42["done"]')
  })
  const socket = await socketio.connect(url)
  expect(socket.id).toBe('socket-sid')
  await socket.expect('done', [], { timeout: 2000 })
})

test('a pending expectDisconnect hears the transport close', async () => {
  const url = await serve({ pingInterval: 1000, pingTimeout: 1000 }, async (conn) => {
    await conn.expect('42["bye"]')
    await conn.close(1001)
  })
  const socket = await socketio.connect(url)
  const reasons = []
  socket.on('disconnect', (reason) => reasons.push(reason))
  const disconnected = socket.expectDisconnect({ reason: 'transport close' })
  socket.emit('bye')
  expect(await disconnected).toEqual({ reason: 'transport close' })
  expect(reasons).toEqual(['transport close'])
  expect(socket.connected).toBe(false)
})

test('a packet over the server\'s maxPayload throws instead of being sent', async () => {
  const url = await serve({ pingInterval: 1000, pingTimeout: 1000 }, () => {})
  const socket = await socketio.connect(url, { name: 'big' })
  expect(() => socket.emit('upload', 'é'.repeat(500))).toThrow("big: the packet is 1015 bytes, over the server's maxPayload of 1000")
  expect(socket.conn.sent.map((m) => m.data)).toEqual(['40'])
})

test('pings that stop fail the wait', async () => {
  const url = await serve({ pingInterval: 100, pingTimeout: 50 }, () => {})
  const socket = await socketio.connect(url, { name: 'quiet' })
  await socket.expect('never', undefined, { timeout: 3000 })
})

test('a packet that is not Socket.IO', async () => {
  const url = await serve({ pingInterval: 1000, pingTimeout: 1000 }, (conn) => conn.send('4x'))
  const socket = await socketio.connect(url, { name: 'garbled' })
  await socket.expect('never', undefined, { timeout: 3000 })
})

test('an ack nobody asked for', async () => {
  const url = await serve({ pingInterval: 1000, pingTimeout: 1000 }, (conn) => conn.send('437["surprise"]'))
  const socket = await socketio.connect(url, { name: 'surprised' })
  await socket.expect('never', undefined, { timeout: 3000 })
})

test('an attachment nobody announced', async () => {
  const url = await serve({ pingInterval: 1000, pingTimeout: 1000 }, (conn) => conn.send(new Uint8Array([1, 2])))
  const socket = await socketio.connect(url, { name: 'stray' })
  await socket.expect('never', undefined, { timeout: 3000 })
})

test('a server that never sends the open packet', async () => {
  const server = await ws.serve({ path: '/socket.io/' }, () => {})
  await socketio.connect(server.url.replace(/\/socket\.io\/$/, ''), { name: 'mute', timeout: 200 })
})

test('an emitWithAck never awaited', async () => {
  const url = await serve({ pingInterval: 1000, pingTimeout: 1000 }, () => {})
  const socket = await socketio.connect(url, { name: 'hasty' })
  socket.emitWithAck('slow', 1)
})
