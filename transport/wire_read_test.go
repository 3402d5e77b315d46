package transport

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"testing"
)

// chunkConn returns one chunk per Read (what fits of it), the last one with err, as a socket
// returns what has arrived.
type chunkConn struct {
	net.Conn
	chunks [][]byte
	err    error
	reads  int
}

func (c *chunkConn) Read(p []byte) (int, error) {
	c.reads++
	if len(c.chunks) == 0 {
		return 0, c.err
	}
	n := copy(p, c.chunks[0])
	if c.chunks[0] = c.chunks[0][n:]; len(c.chunks[0]) == 0 {
		c.chunks = c.chunks[1:]
	}
	if len(c.chunks) == 0 {
		return n, c.err
	}
	return n, nil
}

// The read-ahead hands gorilla's small buffer every byte in order and the error after them,
// reads the socket once per chunk that arrived rather than once per gorilla buffer, and
// keeps no pool buffer once drained.
func TestWireReadAhead(t *testing.T) {
	chunk := func(n int, b byte) []byte { return bytes.Repeat([]byte{b}, n) }
	// Each chunk fills the buffer it is read into, so the next read borrows one, and the last
	// arrives with the error in a borrowed buffer.
	chunks := [][]byte{chunk(gorillaReadBufferSize, 'a'), chunk(readAheadSize, 'b'), chunk(100, 'c')}
	want := bytes.Join(chunks, nil)
	conn := &chunkConn{chunks: chunks, err: io.EOF}
	w := newWire(conn)
	waits := 0
	w.onRead = func() { waits++ }
	got, err := io.ReadAll(bufio.NewReaderSize(w, gorillaReadBufferSize))
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("read %d bytes (err %v), want the %d bytes sent", len(got), err, len(want))
	}
	if conn.reads != 3 || waits != 3 {
		t.Errorf("%d socket reads and %d read waits, want 3 each (one per chunk)", conn.reads, waits)
	}
	if w.ahead != nil || w.aheadBuf != nil || w.readAt.IsZero() {
		t.Errorf("after the stream: ahead %d bytes, buffer kept %v, readAt %v", len(w.ahead), w.aheadBuf != nil, w.readAt)
	}
}
