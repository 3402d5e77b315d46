package transport

import (
	"fmt"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/gorilla/websocket"
)

// CloseTimeout is how long the peer has to answer our close frame (and how
// long our echo of the peer's close frame may take) before the TCP
// connection is dropped and the close counts as not clean.
const CloseTimeout = 2 * time.Second

// writeTimeout bounds the write of each message or control frame. A peer
// that takes no data for this long is treated as gone: the connection
// fails with 1006.
const writeTimeout = 10 * time.Second

// MessageType says whether a message is text or binary.
type MessageType int

// The message types, numbered as in RFC 6455 (and gorilla).
const (
	Text   MessageType = websocket.TextMessage
	Binary MessageType = websocket.BinaryMessage
)

// String returns "text" or "binary".
func (t MessageType) String() string {
	switch t {
	case Text:
		return "text"
	case Binary:
		return "binary"
	}
	return fmt.Sprintf("MessageType(%d)", int(t))
}

// Message is a received text or binary message.
type Message struct {
	Type MessageType
	// Data is the payload. It belongs to the receiver and stays valid, but
	// small messages share a backing array: do not append to Data in place
	// of copying (its capacity is clipped, so append copies anyway).
	Data []byte
	// At is when the read from the socket that completed the message returned: messages that
	// arrived in one read share it.
	At time.Time
}

// Text returns Data as a string without copying it. That is sound because nothing writes to
// a text message's bytes once it is delivered: the reader carves each message from a slab
// whose bytes it never reuses, and Data's capacity is clipped. The string keeps the slab
// alive, as a binary message's Data already does. A receiver that writes to Data must not
// use Text.
func (m Message) Text() string { return unsafe.String(unsafe.SliceData(m.Data), len(m.Data)) }

// Handler receives what arrives on a Conn. All its methods are called on
// the connection's reader goroutine, one at a time, in arrival order; a
// slow handler delays reading (and answering pings) but never writing.
type Handler interface {
	// OnMessage receives each text or binary message.
	OnMessage(m Message)
	// OnPing observes a ping from the peer; the pong is already queued.
	OnPing(payload []byte)
	// OnPong observes a pong from the peer.
	OnPong(payload []byte)
	// OnReadWait is called when every message read so far has been handed
	// to OnMessage and the reader is about to read from the socket, where
	// it may wait: the moment for a handler that batches events to pass
	// them on.
	OnReadWait()
	// OnClose is called exactly once, last, when the connection has ended
	// for whatever reason (peer close, local Close, Abort, error). Both
	// goroutines have finished writing by then; Done closes right after.
	OnClose(e *CloseError)
}

type connState int

const (
	stateOpen    connState = iota
	stateClosing           // Close or Abort was called, the peer's close frame arrived, or a write failed
	stateClosed            // the reader has ended; OnClose is being or has been called
)

// frame is one queued write: a data message or a control frame, with the
// gorilla frame type.
type frame struct {
	typ  int
	data []byte
}

// Conn is one WebSocket connection, client or server side. Its methods
// may be called from any goroutine and never block, except Done's channel.
// One reader and one writer goroutine, started by Start, own the socket;
// Send may write a message itself when that cannot block.
type Conn struct {
	ws         *websocket.Conn
	raw        net.Conn // the TCP connection; closing it ends everything
	url        string
	protocol   string
	respHeader http.Header
	maxSize    int64
	maxBuffer  int64 // 0: no cap on unsent data

	// queued is the number of message bytes Send queued that the writer has
	// not yet handed to gorilla. Bytes gorilla handed to the wire that the
	// kernel did not take yet are the wire's backlog.
	queued atomic.Int64

	handler  Handler // set by Start, then read only by the reader goroutine
	onFinish func()  // set before Start; the reader calls it last (Server untracks the Conn)
	slab     []byte  // reader goroutine only: free space for small messages
	slabs    int     // reader goroutine only: slabs allocated so far (see nextSlab)

	wake       chan struct{} // capacity 1: the writer has work or must stop
	writerDone chan struct{}
	done       chan struct{}

	wire *wire // under gorilla: direct writes, and the read hook (see wire)

	run        atomic.Bool // Start was called: signal may start the writer
	writerOnce sync.Once   // starts the writer, or (finish) ends it unstarted

	mu          sync.Mutex
	queue       []frame
	started     bool
	writing     bool // a goroutine is writing frames: the writer, or a Send writing directly
	stopping    bool // the writer must write only close frames, then exit
	state       connState
	closeCode   int // the close code and reason Send errors name
	closeReason string
	closeSent   bool        // we have queued a close frame
	peerClose   *CloseError // the peer's close frame, once received
	cause       error       // why we dropped the TCP connection ourselves
	forceTimer  *time.Timer
}

func newConn(ws *websocket.Conn, w *wire, raw net.Conn, url string, limit, bufferCap int64) *Conn {
	c := &Conn{
		ws:         ws,
		wire:       w,
		raw:        raw,
		url:        url,
		protocol:   ws.Subprotocol(),
		maxSize:    limit,
		maxBuffer:  bufferCap,
		wake:       make(chan struct{}, 1),
		writerDone: make(chan struct{}),
		done:       make(chan struct{}),
	}
	ws.SetReadLimit(limit)
	ws.SetCloseHandler(c.onPeerClose)
	ws.SetPingHandler(c.onPing)
	ws.SetPongHandler(c.onPong)
	return c
}

// Start starts the reader goroutine, and the writer goroutine if something
// is queued already (else on first need, see signal); h receives everything
// that arrives from now on. Nothing is read before Start, so a caller can
// register its handlers first. Start may be called from any goroutine,
// once; messages sent before Start are written once it runs.
func (c *Conn) Start(h Handler) {
	c.mu.Lock()
	if c.started {
		c.mu.Unlock()
		panic("transport: Conn.Start called twice")
	}
	c.started = true
	c.wire.started, c.wire.onRead = true, h.OnReadWait
	c.mu.Unlock()
	c.handler = h
	c.run.Store(true)
	if len(c.wake) > 0 {
		c.startWriter()
	}
	go c.readLoop()
}

// startWriter starts the writer goroutine unless it has run or finish ended it unstarted.
func (c *Conn) startWriter() { c.writerOnce.Do(func() { go c.writeLoop() }) }

// Send queues a text or binary message and returns at once; the writer
// goroutine writes it, or Send itself when the writer is idle and the
// socket can be written without blocking. Send takes ownership of data:
// do not modify it afterwards. Once the connection is closing or closed it
// returns an error matching ErrClosed that names the close code and reason.
// When Buffered bytes are already waiting and data would take them past the
// connection's MaxBuffered, it queues nothing and returns a
// *BufferFullError (matching ErrBufferFull): a peer that does not read
// must not make the sender buffer without bound. A message alone on an
// empty buffer is always taken, whatever its size.
func (c *Conn) Send(t MessageType, data []byte) error {
	if t != Text && t != Binary {
		return fmt.Errorf("send: invalid message type %d", int(t))
	}
	return c.enqueue(frame{typ: int(t), data: data})
}

// Buffered returns how many bytes Send has accepted that are not yet
// written to the socket: queued messages, and what the kernel did not take
// yet (framing included), as a browser's WebSocket.bufferedAmount. Any
// goroutine.
func (c *Conn) Buffered() int64 {
	return c.queued.Load() + c.wire.buffered()
}

// MaxBuffered returns the cap on Buffered past which Send refuses
// messages; 0 means none.
func (c *Conn) MaxBuffered() int64 { return c.maxBuffer }

// Ping queues a ping with payload (at most 125 bytes, owned by the Conn
// from now on) and returns at once. The peer's pong arrives as
// Handler.OnPong.
func (c *Conn) Ping(payload []byte) error {
	if len(payload) > 125 {
		return fmt.Errorf("ping: payload of %d bytes exceeds the 125 bytes a control frame allows", len(payload))
	}
	return c.enqueue(frame{typ: websocket.PingMessage, data: payload})
}

func (c *Conn) enqueue(f frame) error {
	c.mu.Lock()
	if c.state != stateOpen {
		err := &closedError{code: c.closeCode, reason: c.closeReason}
		c.mu.Unlock()
		return err
	}
	size := int64(len(f.data))
	if c.maxBuffer > 0 && (f.typ == websocket.TextMessage || f.typ == websocket.BinaryMessage) {
		if buffered := c.Buffered(); buffered > 0 && buffered+size > c.maxBuffer {
			c.mu.Unlock()
			return &BufferFullError{Buffered: buffered, Size: size, Max: c.maxBuffer}
		}
	}
	c.writeOrQueue(f, size)
	return nil
}

// writeOrQueue writes f on this goroutine when that cannot block and nothing is before it,
// else queues it (counting size as queued) and wakes the writer. c.mu must be held; it is
// released.
func (c *Conn) writeOrQueue(f frame, size int64) {
	if c.wire.direct() && c.started && !c.writing && len(c.queue) == 0 {
		c.writing = true // the writer is idle: write here, without waking it
		c.mu.Unlock()
		err := c.writeFrame(f)
		c.mu.Lock()
		c.writing = false
		wake := err != nil || len(c.queue) > 0 || c.stopping || c.wire.pending()
		c.mu.Unlock()
		if err != nil {
			c.drop(fmt.Errorf("write failed: %w", err))
		}
		if wake {
			c.signal()
		}
		return
	}
	c.queue = append(c.queue, f)
	c.queued.Add(size)
	c.mu.Unlock()
	c.signal() // after unlocking, so that the writer does not wake into a held mutex
}

// signal wakes the writer goroutine, starting it on first need once the Conn is started.
// Send and Close write directly while nothing is queued on a plain socket, so many
// connections never need a writer, and 500 idle writers' stacks were MBs. Any goroutine,
// c.mu held or not.
func (c *Conn) signal() {
	select {
	case c.wake <- struct{}{}:
	default:
	}
	if c.run.Load() {
		c.startWriter()
	}
}

// Close starts the closing handshake with code and reason (reason is cut
// to the 123 bytes a close frame can carry) and returns at once. Messages
// already queued are sent first. The reader goroutine calls OnClose when
// the peer's close frame arrives or, after CloseTimeout, when the TCP
// connection is dropped (Clean=false). Close is idempotent, and a no-op
// once the connection is closing for another reason.
func (c *Conn) Close(code int, reason string) {
	c.mu.Lock()
	if c.state != stateOpen {
		c.mu.Unlock()
		return
	}
	c.state = stateClosing
	c.closeCode, c.closeReason = code, reason
	c.closeSent = true
	c.forceTimer = time.AfterFunc(CloseTimeout, func() {
		c.drop(fmt.Errorf("%w after %dms", ErrCloseTimeout, CloseTimeout.Milliseconds()))
	})
	c.writeOrQueue(frame{typ: websocket.CloseMessage, data: closePayload(code, reason)}, 0)
}

// Abort closes the TCP connection at once, without a closing handshake.
// OnClose follows with code 1006 and ErrAborted (unless the connection had
// already ended). It may be called from any goroutine, any number of times.
func (c *Conn) Abort() {
	c.drop(ErrAborted)
}

// drop records why we are dropping the connection and closes the socket;
// the reader then fails and reports cause.
func (c *Conn) drop(cause error) {
	c.mu.Lock()
	if c.cause == nil {
		c.cause = cause
	}
	if c.state == stateOpen {
		c.state = stateClosing
		c.closeCode, c.closeReason = websocket.CloseAbnormalClosure, ""
	}
	c.mu.Unlock()
	c.raw.Close()
}

// Done returns a channel that is closed once OnClose has returned and both
// goroutines have exited. It never closes for a Conn that is never started.
func (c *Conn) Done() <-chan struct{} { return c.done }

// Closed reports whether the connection is closing or closed: Close or
// Abort was called, the peer's close frame arrived, or the connection
// failed. Send fails once Closed is true.
func (c *Conn) Closed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.state != stateOpen
}

// URL returns the URL of the connection: for a client the dialed URL with
// the added query, for a server-side connection the requested URL.
func (c *Conn) URL() string { return c.url }

// Protocol returns the negotiated subprotocol, or "" if none.
func (c *Conn) Protocol() string { return c.protocol }

// ResponseHeaders returns the headers of the server's handshake response
// for a client connection, and nil for a server-side connection (whose
// request headers ServerOptions.OnConnect receives).
func (c *Conn) ResponseHeaders() http.Header { return c.respHeader }

// closePayload formats a close frame's payload. 0 and 1005 send an empty
// frame (no status code); the reason is cut at a UTF-8 boundary to fit the
// 125-byte control frame limit.
func closePayload(code int, reason string) []byte {
	if code == 0 || code == websocket.CloseNoStatusReceived {
		return []byte{}
	}
	const maxReason = 125 - 2
	if len(reason) > maxReason {
		cut := maxReason
		for cut > 0 && reason[cut]&0xC0 == 0x80 { // do not split a UTF-8 sequence
			cut--
		}
		reason = reason[:cut]
	}
	return websocket.FormatCloseMessage(code, reason)
}
