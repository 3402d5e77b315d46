// What a scripted server (ws.serve) can do to the client's waits and handlers that must never
// make a wrong test pass, hang, or blame the server for the script's own error.
// protocol_socketio_test.go checks each test's outcome and message.
import { socketio } from 'wsrun/socketio'

// serve starts a Socket.IO server scripted by onConnection(conn), which runs once the Engine.IO
// open packet and the namespace's CONNECT were answered.
async function serve(onConnection) {
  const server = await ws.serve({ path: '/socket.io/', parse: 'text' }, async (conn) => {
    conn.send('0' + JSON.stringify({ sid: 'engine-sid', upgrades: [], maxPayload: 100000, pingInterval: 5000, pingTimeout: 5000 }))
    await conn.expect(/^40/)
    conn.send('40{"sid":"socket-sid"}')
    await onConnection(conn)
  })
  return server.url.replace(/\/socket\.io\/$/, '')
}

test('an event named like an ack settles no emitWithAck', async () => {
  // "ack 0" is the name the ack of id 0 used to be waited for under.
  const url = await serve(async (conn) => {
    await conn.expect(/^420\["question"/)
    conn.send('42["ack 0","wrong"]')
    conn.send('430["right"]')
  })
  const socket = await socketio.connect(url)
  expect(await socket.emitWithAck('question')).toBe('right')
  expect(await socket.expect('ack 0')).toEqual(['wrong'])
})

test('an emitWithAck that only an event named like its ack answers times out', async () => {
  const url = await serve(async (conn) => {
    await conn.expect(/^420/)
    conn.send('42["ack 0","wrong"]')
  })
  const socket = await socketio.connect(url, { name: 'fooled' })
  await socket.timeout(300).emitWithAck('question')
})

test('a disconnect handler that throws fails the test with its own error', async () => {
  const url = await serve(async (conn) => {
    await conn.expect('42["leave"]')
    conn.send('41')
  })
  const socket = await socketio.connect(url, { name: 'clumsy' })
  socket.on('disconnect', () => {
    throw new Error('a bug in the disconnect handler')
  })
  const disconnected = socket.expectDisconnect()
  socket.emit('leave')
  await disconnected
  await sleep(100)
})

test("timeout(ms).emit's callback hears of a disconnect at once", async () => {
  const url = await serve(async (conn) => {
    await conn.expect(/^420\["question"/)
    conn.send('41')
  })
  const socket = await socketio.connect(url)
  const started = Date.now()
  const [err, ...args] = await new Promise((resolve) => socket.timeout(5000).emit('question', (...a) => resolve(a)))
  expect(err).toBeInstanceOf(Error)
  expect(err.message).toBe('socket has been disconnected')
  expect(args).toEqual([])
  expect(Date.now() - started).toBeLessThan(2000)
}, 3000)

test('an absurd pingInterval in the open packet is no ping timeout', async () => {
  // 10^300 ms overflows a timer, which would fire at once with a false 'ping timeout'.
  const server = await ws.serve({ path: '/socket.io/', parse: 'text' }, async (conn) => {
    conn.send('0' + JSON.stringify({ sid: 'engine-sid', upgrades: [], maxPayload: 100000, pingInterval: 1e300, pingTimeout: 1e300 }))
    await conn.expect(/^40/)
    conn.send('40{"sid":"socket-sid"}')
    conn.send('42["hello"]')
  })
  const socket = await socketio.connect(server.url.replace(/\/socket\.io\/$/, ''))
  await socket.expect('hello')
  await sleep(50)
  expect(socket.connected).toBe(true)
})

test('close() after its Connection was closed resolves, as socket.io-client\'s disconnect()', async () => {
  const server = await socketio.serve({}, () => {})
  const socket = await socketio.connect(server.url)
  await socket.conn.close()
  await socket.close()
  expect(socket.connected).toBe(false)
  expect(await socket.expectDisconnect()).toEqual({ reason: 'transport close' })
})
