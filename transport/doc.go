// Package transport is wsrun's WebSocket plumbing over gorilla/websocket:
// dialing (proxies, TLS, readable errors), a connection type with a
// non-blocking API, and a small server. It knows nothing of goja or of the
// event loop; jsapi/ws turns its callbacks into tasks on a JS loop.
//
// # What it owns
//
//   - Dial: URL and query handling, HTTP(S)_PROXY/NO_PROXY (as net/http
//     reads them, ws mapped to http and wss to https), HTTP CONNECT
//     tunnels, TLS with a private CA, client certificates or no
//     verification, and errors that say what went wrong: a refused upgrade
//     is a *HandshakeError with status, headers and the first 4 KiB of the
//     body; the rest match ErrRefused, ErrHostNotFound, ErrHandshakeTimeout,
//     ErrTLS or ErrProxy.
//   - Conn: one connection, client or server side. Writes never block the
//     caller; reads are delivered to a Handler; the closing handshake,
//     pongs, size limits and write deadlines are handled here. A peer
//     cannot make it use memory without bound: a message is limited after
//     permessage-deflate inflation too (close 1009), and Send refuses
//     messages once MaxBuffered bytes wait for a peer that does not read
//     (BufferFullError; Buffered tells how many). Text that is not UTF-8
//     fails the connection with 1007, a frame that breaks RFC 6455 with
//     1002.
//   - Server: a listener on one path that verifies and upgrades requests
//     and closes every connection it accepted on Close. Detach closes it
//     the same way but hands its listening socket (a Listener) to the next
//     Server (ServerOptions.Listener), so that clients connecting between
//     the two wait in the socket's backlog instead of being refused.
//
// # Goroutines
//
// Gorilla allows one concurrent reader and one concurrent writer per
// connection, so each started Conn has at most two goroutines:
//
//   - The reader goroutine owns reading. It calls every Handler method
//     (OnMessage, OnPing, OnPong, OnReadWait, then OnClose exactly once,
//     last), one at a time and in arrival order. OnReadWait comes each time
//     gorilla has nothing more buffered and the reader is about to read
//     from the socket, so a handler can pass on a batch of messages at the
//     moment it would otherwise wait. The reader queues the pong for each
//     ping and the echo of the peer's close frame.
//   - The writer goroutine writes what is queued: Send, Ping and Close
//     append to a queue under a mutex and wake it, so they return at once
//     on any goroutine. It writes frames in order, each with a deadline, and
//     exits after our close frame, a failed write, or the end of the reader.
//     It starts on first need: a connection whose writes all go the fast
//     path below never has one.
//
// The exception is the fast path of a round trip. gorilla reads and writes
// through a wire (wire.go) that, on a plain TCP socket, never blocks a
// write: one non-blocking syscall sends what the kernel takes, and the rest
// waits in a backlog that the writer goroutine flushes. So when the writer
// is idle and nothing is queued, Send writes the message itself, on its
// caller's goroutine, and the writer is not woken at all; so do Ping, Close
// and the reader's pongs. Frames still go out in order: only one goroutine
// writes frames at a time (the caller or the writer), and bytes that follow
// a backlog join it. For wss:// the wire
// sits under the TLS layer, so TLS records take the same path. Connections
// through an https proxy have no plain socket to write to (the tunnel is
// itself TLS) and keep every write on the writer.
//
// The wire's read side (a read-ahead buffer borrowed from a pool while it
// holds unread bytes, and the time of the last read) belongs to the reader
// goroutine, and to Dial's or the Server's handshake before Start. A
// delivered Message's Data is never written to by the Conn again, which is
// what lets Message.Text share its bytes.
//
// Gorilla itself may write a close frame from the reader goroutine when it
// rejects an oversized or malformed frame, and so does the reader when a
// message is too big once inflated, or is text that is not UTF-8; gorilla's
// WriteControl is safe for that.
// When the reader ends it stops the writer, waits for it, closes the socket
// and only then calls OnClose; Done is closed after OnClose returns.
// Close's two-second limit (CloseTimeout) runs on a timer that drops the TCP
// connection, which ends the reader.
//
// Dial blocks its caller until the handshake is done; Server runs
// ServerOptions.Verify and OnConnect on the HTTP handler goroutine of the
// request, so both may block. Server.Close and Server.Detach block for a
// bounded time. Call these off the JS loop and hand results back as tasks.
//
// # Usage
//
//	c, err := transport.Dial(ctx, "ws://127.0.0.1:4001/chat", transport.DialOptions{
//		Query: url.Values{"user": {"alice"}},
//	})
//	if err != nil {
//		var he *transport.HandshakeError
//		if errors.As(err, &he) { /* he.Status, he.Headers, he.Body */ }
//		return err
//	}
//	c.Start(h) // h implements Handler; its methods run on c's reader goroutine
//	_ = c.Send(transport.Text, []byte(`{"type":"hello"}`))
//	c.Close(1000, "bye") // h.OnClose follows, at the latest after CloseTimeout
//	<-c.Done()
package transport
