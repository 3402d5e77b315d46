// Package socketio is the "wsrun/socketio" module: a Socket.IO v5 client (socket.io 3 and 4
// servers) over Engine.IO v4's WebSocket transport, written in JavaScript on top of the public
// Connection API of "wsrun/ws" and embedded in the binary.
//
// socketio.connect opens the WebSocket at /socket.io/?EIO=4&transport=websocket, waits for
// Engine.IO's open packet, answers the server's pings (and fails every wait with "ping
// timeout" when they stop for pingInterval+pingTimeout), and connects a namespace with its
// auth payload; a CONNECT_ERROR rejects with the server's message. The Socket it returns
// emits events (binary arguments as attachments), waits for acks (emitWithAck,
// socket.timeout(ms)), and waits for events and disconnects through wsrun/internal's inbox,
// so every wait has Connection.expect's matchers, timeouts and failure output, decoded
// ("chat [\"hi\"]", not 42["chat","hi"]). socketio.over does the same on a Connection the
// script opened itself, and socket.of connects further namespaces over the same connection.
// Acks are timed under the event name, protocol "socketio".
//
// Goroutines: the module is JavaScript; it runs on its VM's loop goroutine like the script.
//
//	import { socketio } from 'wsrun/socketio'
//	const socket = await socketio.connect('http://127.0.0.1:3000', { auth: { token } })
//	expect(await socket.emitWithAck('echo', 'hi')).toBe('hi')
//	await socket.expect('news', ['hello'])
package socketio
