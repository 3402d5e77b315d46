package transport

import (
	"errors"
	"fmt"
	"io"
	"syscall"
	"time"

	"github.com/gorilla/websocket"
)

const (
	// slabSize is the size of the shared buffers that received messages
	// are carved from, so that a stream of small messages costs about one
	// allocation per slabSize bytes instead of one or two per message.
	slabSize = 16 << 10

	// minSlabFree is the free space below which the next message starts a
	// new slab rather than (probably) outgrowing the old one.
	minSlabFree = 512
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
			return err
		}
		c.handler.OnMessage(Message{Type: MessageType(typ), Data: data, At: time.Now()})
	}
}

// readData reads one message straight into the free part of the current
// slab, moving to a buffer of its own only if the message outgrows it.
// Each byte is copied once from gorilla's read buffer (twice only while a
// large message grows).
func (c *Conn) readData(r io.Reader) ([]byte, error) {
	if len(c.slab) < minSlabFree {
		c.slab = make([]byte, slabSize)
	}
	buf, n, inSlab := c.slab, 0, true
	for {
		if n == len(buf) {
			grown := make([]byte, 2*len(buf))
			copy(grown, buf[:n])
			buf, inSlab = grown, false
		}
		m, err := r.Read(buf[n:])
		n += m
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
	var wsClose *websocket.CloseError
	switch {
	case c.peerClose != nil:
		return c.peerClose
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
