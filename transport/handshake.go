package transport

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"net/http"
	"strconv"
	"time"
)

const (
	// maxHandshakeRecord bounds how much of the server's answer Dial keeps
	// while the upgrade is in flight, to re-read a refusal's body. Answers
	// with bigger headers fall back to the part gorilla kept (1 KiB).
	maxHandshakeRecord = 64 << 10

	// refusalBodyWait bounds how long Dial waits for the rest of a refused
	// handshake's body when the bytes already read do not hold
	// MaxRefusalBody of it, e.g. a server that sends its headers, then
	// neither body nor EOF.
	refusalBodyWait = 500 * time.Millisecond
)

// handshakeConn sits between gorilla and the stream. During the upgrade it
// records what the server sends, and it ignores gorilla's Close, so that a
// refusal's response can be parsed again with up to MaxRefusalBody of body
// (gorilla keeps only 1 KiB). After a successful upgrade it is a plain
// pass-through.
type handshakeConn struct {
	net.Conn
	rec       []byte
	recording bool // false once done, or once rec would pass maxHandshakeRecord
	holdClose bool
}

func (c *handshakeConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if c.recording {
		if len(c.rec)+n > maxHandshakeRecord {
			c.recording, c.rec = false, nil
		} else {
			c.rec = append(c.rec, p[:n]...)
		}
	}
	return n, err
}

func (c *handshakeConn) Close() error {
	if c.holdClose {
		return nil
	}
	return c.Conn.Close()
}

// handshakeDone turns recording off and makes Close close again. It runs
// on the dialing goroutine before the Conn's goroutines start.
func (c *handshakeConn) handshakeDone() {
	c.recording, c.holdClose, c.rec = false, false, nil
}

// refusal builds the HandshakeError for a refused upgrade, re-reading the
// response from the recorded bytes so that Body holds up to MaxRefusalBody.
func refusal(target string, hc *handshakeConn, resp *http.Response) *HandshakeError {
	e := &HandshakeError{
		URL:        target,
		Status:     resp.StatusCode,
		StatusText: resp.Status,
		Headers:    resp.Header,
	}
	if _, err := strconv.Atoi(e.StatusText); err == nil {
		e.StatusText += " " + http.StatusText(e.Status) // the server sent no reason phrase
	}
	body := resp.Body
	if hc.recording {
		hc.Conn.SetReadDeadline(time.Now().Add(refusalBodyWait))
		again, err := http.ReadResponse(bufio.NewReader(io.MultiReader(bytes.NewReader(hc.rec), hc.Conn)), nil)
		if err == nil {
			body = again.Body
		}
	}
	if body != nil {
		b, _ := io.ReadAll(io.LimitReader(body, MaxRefusalBody))
		e.Body = string(b)
	}
	return e
}
