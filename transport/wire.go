package transport

import (
	"net"
	"sync"
	"syscall"
	"time"
)

// wire is the net.Conn gorilla reads and writes through, on both sides (for wss://, under
// the TLS layer). It adds two things once the connection is started:
//
//   - Writes never block when the stream is a plain socket: one non-blocking syscall puts on
//     the wire what the kernel takes at once, and the rest waits in a backlog that the writer
//     goroutine flushes. Send can then write a message on the caller's goroutine whenever the
//     writer is idle, so an echo round trip costs no hand-off to the writer goroutine and back.
//   - Before each read from the stream, which may wait, it calls onRead: gorilla has handed
//     over every message it had buffered, so that is when a handler passes its batch on.
//
// gorilla (or TLS above it) serializes its writes, so Write is never called twice at once;
// flush runs beside it on the writer goroutine.
type wire struct {
	net.Conn
	rc      syscall.RawConn // nil: writes block, and stay on the writer goroutine (https proxies)
	started bool            // set by Start, before the goroutines: until then, plain pass-through
	onRead  func()
	readAt  time.Time // when the last read from the stream returned data; reader goroutine

	// Read's read-ahead (reader goroutine, or the handshake's before Start): the unread bytes
	// of a buffer from readPool, and the error that came with them.
	ahead    []byte
	aheadBuf *[]byte
	aheadErr error
	more     bool // the last read filled its buffer: the next may borrow one

	mu       sync.Mutex
	now      attempt
	backlog  []byte
	spare    []byte
	flushing bool  // bytes taken from the backlog are being written
	inFlight int   // how many: they count as buffered until the write returns
	err      error // the first failed write: every later one fails alike
}

const (
	// readAheadSize is how much one read from the socket may take: a stream of small
	// messages costs one syscall per readAheadSize bytes.
	readAheadSize = 16 << 10
	// gorillaReadBufferSize is gorilla's own read buffer, which every connection holds all
	// its life; it is refilled from the read-ahead buffer by a copy, not a syscall.
	gorillaReadBufferSize = 1 << 10
)

// readPool holds the read-ahead buffers of the wires that have no unread bytes.
var readPool = sync.Pool{New: func() any { b := make([]byte, readAheadSize); return &b }}

// writePool is gorilla's WriteBufferPool for all connections: a connection holds a write
// buffer only while it writes a message, not all its life.
var writePool = &sync.Pool{}

// newWire wraps stream. Writes can be direct only if stream is a socket that can be written
// without blocking.
func newWire(stream net.Conn) *wire {
	w := &wire{Conn: stream}
	if sc, ok := stream.(syscall.Conn); ok && canWriteDirect {
		if rc, err := sc.SyscallConn(); err == nil {
			w.rc = rc
			w.now.fn = w.now.write
		}
	}
	return w
}

// direct reports whether writes never block.
func (w *wire) direct() bool { return w.rc != nil }

// Read serves gorilla from a read-ahead buffer borrowed from readPool only while it holds
// unread bytes: a flood of small frames still costs one syscall per readAheadSize bytes, and
// an idle connection holds no read buffer but gorilla's small one (gorillaReadBufferSize).
// A read that may wait for the peer goes into gorilla's buffer, so that no connection holds a
// pool buffer while it waits; only after a read that filled its buffer, when more is most
// likely waiting already, does the next one borrow.
func (w *wire) Read(p []byte) (int, error) {
	if w.ahead == nil {
		if w.aheadErr != nil || len(p) == 0 {
			err := w.aheadErr
			w.aheadErr = nil
			return 0, err
		}
		if w.onRead != nil {
			w.onRead()
		}
		if !w.more || len(p) >= readAheadSize {
			n, err := w.Conn.Read(p)
			w.stamp(n, len(p))
			return n, err
		}
		buf := readPool.Get().(*[]byte)
		n, err := w.Conn.Read(*buf)
		w.stamp(n, len(*buf))
		if n == 0 {
			readPool.Put(buf)
			return 0, err
		}
		w.ahead, w.aheadBuf, w.aheadErr = (*buf)[:n], buf, err
	}
	n := copy(p, w.ahead)
	w.ahead = w.ahead[n:]
	if len(w.ahead) == 0 {
		readPool.Put(w.aheadBuf)
		w.ahead, w.aheadBuf = nil, nil
	}
	return n, nil
}

// stamp notes a read of n bytes into a buffer of size bytes.
func (w *wire) stamp(n, size int) {
	if n > 0 {
		w.readAt = time.Now()
	}
	w.more = n == size
}

func (w *wire) Write(p []byte) (int, error) {
	if !w.started || w.rc == nil {
		return w.Conn.Write(p)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil {
		return 0, w.err
	}
	rest := p
	if len(w.backlog) == 0 && !w.flushing {
		n, err := w.writeNow(p)
		if err != nil {
			w.err = err
			return n, err
		}
		rest = p[n:]
	}
	w.backlog = append(w.backlog, rest...)
	return len(p), nil
}

// writeNow makes one non-blocking write attempt and returns how much the kernel took. w.mu
// must be held.
func (w *wire) writeNow(p []byte) (int, error) {
	w.now.p = p
	err := w.rc.Write(w.now.fn)
	n, werr := w.now.n, w.now.err
	w.now.p, w.now.err = nil, nil
	if n < 0 {
		n = 0
	}
	if werr == syscall.EAGAIN {
		werr = nil
	}
	if err == nil {
		err = werr
	}
	return n, err
}

// attempt is writeNow's callback for RawConn.Write, made once per wire rather than once per
// write.
type attempt struct {
	p   []byte
	n   int
	err error
	fn  func(fd uintptr) bool
}

func (a *attempt) write(fd uintptr) bool {
	for {
		a.n, a.err = rawWrite(fd, a.p)
		if a.err != syscall.EINTR {
			return true // never wait for the socket: the backlog is for that
		}
	}
}

// pending reports whether the backlog holds bytes for flush.
func (w *wire) pending() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.backlog) > 0
}

// buffered returns how many bytes wait in the backlog or are being flushed.
func (w *wire) buffered() int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return int64(len(w.backlog) + w.inFlight)
}

// flush writes the backlog, blocking, each write bounded by timeout. Writer goroutine only.
func (w *wire) flush(timeout time.Duration) error {
	for {
		w.mu.Lock()
		buf, err := w.backlog, w.err
		if len(buf) == 0 || err != nil {
			w.mu.Unlock()
			return err
		}
		w.backlog, w.spare, w.flushing, w.inFlight = w.spare[:0], nil, true, len(buf)
		w.mu.Unlock()

		w.Conn.SetWriteDeadline(time.Now().Add(timeout))
		_, err = w.Conn.Write(buf)

		w.mu.Lock()
		w.flushing, w.inFlight = false, 0
		if err != nil && w.err == nil {
			w.err = err
		}
		if cap(buf) <= maxSpareBacklog {
			w.spare = buf[:0]
		}
		w.mu.Unlock()
		if err != nil {
			return err
		}
	}
}

// maxSpareBacklog is the largest backlog buffer kept for reuse after a flush.
const maxSpareBacklog = 64 << 10
