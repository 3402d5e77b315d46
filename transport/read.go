package transport

import (
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	"github.com/gorilla/websocket"
)

const (
	// slabSize is the size of the shared buffers that received messages
	// are carved from, so that a stream of small messages costs about one
	// allocation per slabSize bytes instead of one or two per message.
	slabSize = 16 << 10

	// firstSlab is the size of a connection's first slab; each next one doubles up to
	// slabSize. Most connections of a many-connection test receive a few small messages, and
	// a full slab each was 16 KiB of 500 connections' memory per connection.
	firstSlab = 1 << 10

	// minSlabFree is the free space below which the next message starts a
	// new slab rather than (probably) outgrowing the old one.
	minSlabFree = 512

	// failWait bounds the write of the close frame the reader sends when it
	// fails the connection itself (gorilla allows itself one second too).
	failWait = time.Second
)

// readLoop is the reader goroutine: it delivers messages (and, from inside
// gorilla's NextReader, pings, pongs and the peer's close frame) to the
// handler until the connection ends, then finishes the connection and
// calls OnClose.
func (c *Conn) readLoop() {
	err := c.readMessages()
	ce := c.finish(err)
	c.handler.OnClose(ce)
	close(c.done)
	if c.onFinish != nil {
		c.onFinish()
	}
}

func (c *Conn) readMessages() error {
	for {
		typ, r, err := c.ws.NextReader()
		if err != nil {
			return err
		}
		data, err := c.readData(r)
		if err != nil {
			var corrupt flate.CorruptInputError
			if errors.As(err, &corrupt) {
				return c.fail(websocket.CloseInvalidFramePayloadData, "invalid compressed data", fmt.Errorf("%w (%v)", ErrBadCompression, err))
			}
			return err
		}
		if typ == websocket.TextMessage && !utf8.Valid(data) {
			return c.fail(websocket.CloseInvalidFramePayloadData, "invalid UTF-8",
				fmt.Errorf("%w (first bad byte at offset %d of %d)", ErrInvalidUTF8, firstInvalidUTF8(data), len(data)))
		}
		// The time of the read that completed the message, taken once per read rather than
		// once per message (a clock read was 5% of receiving a flood of small frames);
		// bytes read before the wire existed (a server's hijacked buffer) have none.
		at := c.wire.readAt
		if at.IsZero() {
			at = time.Now()
		}
		c.handler.OnMessage(Message{Type: MessageType(typ), Data: data, At: at})
	}
}

// readData reads one message straight into the free part of the current
// slab, moving to a buffer of its own only if the message outgrows it.
// Each byte is copied once from gorilla's read buffer (twice only while a
// large message grows).
//
// gorilla's read limit counts the bytes of the frames, which for a message
// compressed with permessage-deflate is not its size: a 1 MiB frame can
// inflate to 1 GiB. So the inflated bytes are counted here too, and the
// buffer never grows past the limit and one byte.
func (c *Conn) readData(r io.Reader) ([]byte, error) {
	if len(c.slab) < minSlabFree {
		c.slab = make([]byte, min(firstSlab<<c.slabs, slabSize))
		c.slabs = min(c.slabs+1, 8)
	}
	buf, n, inSlab := c.slab, 0, true
	for {
		if n == len(buf) {
			size := 2 * len(buf)
			if c.maxSize > 0 && int64(size) > c.maxSize+1 {
				size = int(c.maxSize + 1) // one byte past the limit tells a message is too big
			}
			grown := make([]byte, size)
			copy(grown, buf[:n])
			buf, inSlab = grown, false
		}
		m, err := r.Read(buf[n:])
		n += m
		if c.maxSize > 0 && int64(n) > c.maxSize {
			// Only an inflated message gets here: gorilla refuses bigger frames first.
			return nil, c.fail(websocket.CloseMessageTooBig, "message too big",
				fmt.Errorf("%w of %d bytes after decompression", ErrMessageTooBig, c.maxSize))
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if inSlab {
		c.slab = c.slab[n:]
	}
	return buf[:n:n], nil
}

// firstInvalidUTF8 returns the offset of the first byte of b that is not
// part of a valid UTF-8 sequence, or -1.
func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}

// readFailure is why the reader failed the connection itself, with the
// close code it sent the peer.
type readFailure struct {
	code int
	err  error
}

func (f *readFailure) Error() string { return f.err.Error() }
func (f *readFailure) Unwrap() error { return f.err }

// fail sends the peer a close frame with code and reason (RFC 6455 §7.1.7,
// "fail the WebSocket connection") and returns the readFailure that ends the
// reader. gorilla's WriteControl is safe beside the writer goroutine. Reader
// goroutine.
func (c *Conn) fail(code int, reason string, err error) error {
	c.mu.Lock()
	send := !c.closeSent
	c.closeSent = true
	c.mu.Unlock()
	if send {
		_ = c.ws.WriteControl(websocket.CloseMessage, closePayload(code, reason), time.Now().Add(failWait))
	}
	return &readFailure{code: code, err: err}
}

// protocolError returns what gorilla found wrong with the peer's frames, if
// readErr is one of the errors it makes (after sending close 1002) for a
// frame that breaks RFC 6455: reserved bits or opcodes, a bad mask, a bad
// control frame. gorilla gives them no type, only the "websocket: " prefix.
func protocolError(readErr error) (string, bool) {
	var wsClose *websocket.CloseError
	if readErr == nil || errors.Is(readErr, websocket.ErrReadLimit) || errors.As(readErr, &wsClose) {
		return "", false
	}
	detail, ok := strings.CutPrefix(readErr.Error(), "websocket: ")
	return detail, ok
}

// finish ends the connection after the reader stopped with readErr: it
// decides the CloseError, stops the writer (letting it send a pending echo
// of the peer's close frame) and closes the socket.
func (c *Conn) finish(readErr error) *CloseError {
	c.mu.Lock()
	ce := c.closeErrorLocked(readErr)
	c.state = stateClosed
	c.closeCode, c.closeReason = ce.Code, ce.Reason
	c.stopping = true
	if c.forceTimer != nil {
		c.forceTimer.Stop()
	}
	// A writer that never started has nothing to write unless a direct write is under way or
	// left a backlog (queued frames start it): it is then ended here without a goroutine.
	if !c.writing && !c.wire.pending() {
		c.writerOnce.Do(func() { close(c.writerDone) })
	}
	c.signal()
	c.mu.Unlock()

	if ce.Clean {
		// Give the writer a bounded time to echo the peer's close frame.
		t := time.NewTimer(CloseTimeout)
		select {
		case <-c.writerDone:
		case <-t.C:
		}
		t.Stop()
		c.ws.Close() // through TLS, if any, so that close_notify is sent
	}
	c.raw.Close()
	<-c.writerDone
	return ce
}

// closeErrorLocked turns the reader's final error into the CloseError that
// OnClose receives. c.mu must be held.
func (c *Conn) closeErrorLocked(readErr error) *CloseError {
	var (
		wsClose *websocket.CloseError
		failed  *readFailure
	)
	switch {
	case c.peerClose != nil:
		return c.peerClose
	case errors.As(readErr, &failed):
		return &CloseError{Code: failed.code, Err: failed.err}
	case errors.Is(readErr, websocket.ErrReadLimit) && c.maxSize == 0:
		// With no limit, gorilla says this only of a 64-bit length with
		// the most significant bit set.
		return &CloseError{
			Code: websocket.CloseProtocolError,
			Err:  fmt.Errorf("%w: a frame length of 2^63 bytes or more", ErrProtocol),
		}
	case errors.Is(readErr, websocket.ErrReadLimit):
		// gorilla has already sent close 1009; it checks the limit on the
		// frame header, so the size of the message itself is unknown.
		return &CloseError{
			Code: websocket.CloseMessageTooBig,
			Err:  fmt.Errorf("%w of %d bytes", ErrMessageTooBig, c.maxSize),
		}
	case c.cause != nil:
		return &CloseError{Code: websocket.CloseAbnormalClosure, Err: c.cause}
	case errors.Is(readErr, io.EOF), errors.Is(readErr, io.ErrUnexpectedEOF),
		errors.Is(readErr, syscall.ECONNRESET), errors.Is(readErr, syscall.EPIPE),
		errors.As(readErr, &wsClose): // gorilla's "unexpected EOF" is a 1006 CloseError
		return &CloseError{
			Code: websocket.CloseAbnormalClosure,
			Err:  fmt.Errorf("%w: the peer went away without a close frame (%v)", ErrConnectionLost, readErr),
		}
	}
	if detail, ok := protocolError(readErr); ok {
		return &CloseError{Code: websocket.CloseProtocolError, Err: fmt.Errorf("%w: %s", ErrProtocol, detail)}
	}
	return &CloseError{Code: websocket.CloseAbnormalClosure, Err: readErr}
}

// onPeerClose runs on the reader goroutine when the peer's close frame
// arrives. Unless we have sent ours, it queues the echo RFC 6455 §5.5.1
// asks for, with the peer's status code.
func (c *Conn) onPeerClose(code int, reason string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.peerClose = &CloseError{Code: code, Reason: reason, Clean: true}
	if c.state == stateOpen {
		c.state = stateClosing
		c.closeCode, c.closeReason = code, reason
	}
	if !c.closeSent {
		c.closeSent = true
		c.queue = append(c.queue, frame{typ: websocket.CloseMessage, data: closePayload(code, "")})
		c.signal()
	}
	return nil
}

// onPing runs on the reader goroutine: it queues the pong, then tells the
// handler.
func (c *Conn) onPing(appData string) error {
	_ = c.enqueue(frame{typ: websocket.PongMessage, data: []byte(appData)}) // fails only once closing: no pong is due then
	c.handler.OnPing([]byte(appData))
	return nil
}

// onPong runs on the reader goroutine.
func (c *Conn) onPong(appData string) error {
	c.handler.OnPong([]byte(appData))
	return nil
}
