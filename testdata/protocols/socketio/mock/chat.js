// A Socket.IO mock for `wsrun serve`: socketio.serve speaking Engine.IO v4 over WebSocket, for
// socket.io-client (transports: ['websocket']). protocol_socketio_test.go connects the real
// socket.io-client to it (server/client.js).
import { socketio } from 'wsrun/socketio'

socketio.serve(
  {
    port: 0,
    pingInterval: 200,
    pingTimeout: 1000,
    authorize: (auth) => auth.token === 'secret' || { message: 'not authorized', data: { hint: 'token' } },
  },
  (socket, handshake) => {
    socket.emit('welcome', { user: handshake.auth.user, id: socket.id })
    socket.on('echo', (...args) => {
      const ack = typeof args[args.length - 1] === 'function' ? args.pop() : null
      if (ack) ack(...args)
    })
    socket.on('binary', (bytes, ack) => ack(bytes.slice().reverse(), { size: bytes.length }))
    socket.on('ask', async (question) => {
      const answer = await socket.timeout(2000).emitWithAck('question', question)
      socket.emit('answer', answer)
    })
    socket.on('kick', () => socket.close())
  },
)
