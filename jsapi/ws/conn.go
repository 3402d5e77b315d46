package ws

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/runtime/eventloop"
	"github.com/wsrun/wsrun/transport"
)

type parseMode int

const (
	parseAuto parseMode = iota
	parseJSON
	parseText
)

// parseModeOf is the mode of a parse option, which argcheck has checked is one of parseModes.
func parseModeOf(s string) parseMode {
	switch s {
	case "json":
		return parseJSON
	case "text":
		return parseText
	}
	return parseAuto
}

// Defaults of the memory caps on a connection.
const (
	defaultMaxHistory = 10000
	defaultMaxInbox   = 10000
	// maxQueued is how many received events may wait for the loop before the reader stops
	// reading, so a server flooding a slow script fills TCP buffers, not memory.
	maxQueued = 4096
	// maxRecordChunk is the most records newRecord allocates at once.
	maxRecordChunk = 32
	// deliverAfter is how many batches a connection hands to the loop's goroutine before its
	// reader starts running them itself when the loop is idle (Source.Deliver). Running the
	// script grows the reader's stack to tens of KiB until a collection shrinks it: worth it
	// for a connection that keeps receiving (a round trip then costs no goroutine switch),
	// not for each of 500 connections that receive one message (4-5 MB of W4's peak RSS).
	deliverAfter = 4
	// parallelBatch is the batch size from which the reader hands a batch to the loop's own
	// goroutine instead of running it: reading the next batch meanwhile pays for the switch.
	parallelBatch = 32
)

// record is one message in messages, sent or the inbox. Read its value with value().
type record struct {
	data   goja.Value // nil once dropped (see compact); value() rebuilds it
	from   *conn      // the connection that received it and can decode it again; nil for sent
	binary bool
	text   string // the raw text of a text frame
	at     time.Time
}

// value is what scripts see of the message, rebuilt from its text (and kept) when it was
// dropped by compact.
func (r *record) value() goja.Value {
	if r.data == nil && r.from != nil {
		r.data = r.from.decodeText(r.text)
	}
	return r.data
}

// peek is value without keeping what it rebuilds: for conn.messages, so that reading the
// history does not bring back what compact dropped.
func (r *record) peek() goja.Value {
	if r.data == nil && r.from != nil {
		return r.from.decodeText(r.text)
	}
	return r.data
}

// compact drops the value of a received text frame once its handlers and waiting expects
// have had it: the history and the inbox then hold strings (the frame's text) rather than
// goja objects, which were most of the live heap with parse 'auto' and made the collector
// work on 2 × maxHistory JS values. A later expect or conn.messages rebuilds the value from
// the text (the same parse, so an equal value, though not the same object).
func (r *record) compact() {
	if !r.binary && r.from != nil {
		r.data = nil
	}
}

type eventKind int

const (
	evMessage eventKind = iota
	evPing
	evPong
	evClose
)

type event struct {
	kind    eventKind
	msg     transport.Message
	payload []byte
	close   *transport.CloseError
}

// connSettings are the per-connection options both sides share.
type connSettings struct {
	name       string
	server     bool // the server side of a ws.serve connection
	parse      parseMode
	maxHistory int
	maxInbox   int
}

// conn is one Connection, client or server side.
type conn struct {
	m       *Module
	t       *transport.Conn
	set     connSettings
	url     string
	headers http.Header
	obj     *goja.Object
	src     *eventloop.Source

	// The inbound queue, filled on the reader goroutine, drained on the loop.
	qmu     sync.Mutex
	qcond   *sync.Cond
	queue   []event
	spare   []event
	posted  bool           // a drain task is on its way to the loop
	drainFn eventloop.Task // c.drain, made once: a method value allocates each time it is taken
	// handedOver counts batches handed to the loop, up to deliverAfter. Reader goroutine.
	handedOver int
	qclosed    bool

	// Loop goroutine only.
	history, sent ring
	inbox         inbox
	waiters       []*waiter
	handlers      []*handler
	arg           [1]goja.Value // the argument of a handler call (see call)
	closed        bool
	closeCode     int
	closeReason   string
	closeErr      *transport.CloseError
	onClosed      []func() // close() promises waiting for the end
	pings         []*pingWait
	pingSeq       int
	historyNoted  bool
	inboxNoted    bool
	offering      []*waiter  // offer's copy of waiters, kept between messages
	boxes         []*itemBox // inboxes (wsrun/internal) whose waits fail when it closes
	released      bool       // its scope ended: nothing more will be delivered
	total         int        // messages received, including those dropped from history
	freeRecords   []record   // records to carve (see newRecord)
	recordChunks  int        // record chunks allocated so far
}

// newConn wraps a transport connection; start must be called after the script has been
// given the object. scope is where the connection belongs: it is closed when that scope ends.
func (m *Module) newConn(t *transport.Conn, set connSettings, headers http.Header, scope *eventloop.Scope) *conn {
	c := &conn{m: m, t: t, set: set, url: t.URL(), headers: headers}
	c.qcond = sync.NewCond(&c.qmu)
	c.drainFn = c.drain
	c.history = newRing(set.maxHistory)
	c.sent = newRing(set.maxHistory)
	c.inbox.max = set.maxInbox
	c.src = m.loop.ReserveIn(scope, "ws "+set.name+" "+c.url, c.release)
	c.obj = c.object()
	m.transcribe(TranscriptEntry{Conn: set.name, Server: set.server, Dir: Opened, At: time.Now(), Text: c.url})
	return c
}

// start begins reading.
func (c *conn) start() { c.t.Start(c) }

// release runs when the connection's source closes: at the end of its scope, or after the
// close event was handled. It stops the reader from queueing and closes the socket.
func (c *conn) release() {
	c.released = true
	c.qmu.Lock()
	c.qclosed = true
	c.queue = nil
	c.qcond.Broadcast()
	c.qmu.Unlock()
	c.t.Close(1000, "")
}

// OnMessage, OnPing, OnPong, OnReadWait and OnClose implement transport.Handler on the reader
// goroutine.
func (c *conn) OnMessage(msg transport.Message) { c.push(event{kind: evMessage, msg: msg}) }

// OnPing queues a ping event.
func (c *conn) OnPing(p []byte) { c.push(event{kind: evPing, payload: p}) }

// OnPong queues a pong event.
func (c *conn) OnPong(p []byte) { c.push(event{kind: evPong, payload: p}) }

// OnReadWait hands what is queued to the loop: the reader has nothing more buffered.
func (c *conn) OnReadWait() { c.handOver() }

// OnClose queues the close event, the last one, and hands it over.
func (c *conn) OnClose(e *transport.CloseError) {
	c.push(event{kind: evClose, close: e})
	c.handOver()
}

// push queues an event, waiting while the loop is far behind. Reader goroutine.
func (c *conn) push(e event) {
	c.qmu.Lock()
	for len(c.queue) >= maxQueued && !c.qclosed && e.kind != evClose {
		c.qmu.Unlock()
		c.handOver()
		c.qmu.Lock()
		if len(c.queue) >= maxQueued && !c.qclosed {
			c.qcond.Wait()
		}
	}
	if !c.qclosed {
		c.queue = append(c.queue, e)
	}
	c.qmu.Unlock()
}

// handOver gives the queued events to the loop in one drain task, unless one is on its way.
// When the loop is idle the drain runs right here (Source.Deliver), sparing a goroutine
// switch; the reader holds no lock at this point, and no task waits for it. Reader goroutine.
func (c *conn) handOver() {
	c.qmu.Lock()
	n := len(c.queue)
	post := n > 0 && !c.posted
	if post {
		c.posted = true
	}
	c.qmu.Unlock()
	switch {
	case !post:
	case n >= parallelBatch:
		c.src.Post(c.drainFn) // a flood: the loop's goroutine handles it while this one reads on
	case c.handedOver < deliverAfter:
		c.handedOver++
		c.src.Post(c.drainFn)
	default:
		c.src.Deliver(c.drainFn)
	}
}

// drain handles every queued event. If a handler fails, the events after it are put back so a
// connection that outlives the failing test loses nothing. Loop goroutine.
func (c *conn) drain() error {
	c.m.loop.MustOwn()
	c.qmu.Lock()
	batch := c.queue
	c.queue = c.spare[:0]
	c.posted = false
	c.qcond.Broadcast()
	c.qmu.Unlock()
	for i := range batch {
		if err := c.handle(&batch[i]); err != nil {
			c.requeue(batch[i+1:])
			return err
		}
		batch[i] = event{}
	}
	c.spare = batch[:0]
	return nil
}

func (c *conn) requeue(rest []event) {
	if len(rest) == 0 {
		return
	}
	c.qmu.Lock()
	if c.qclosed {
		c.qmu.Unlock()
		return
	}
	// rest keeps its place in the array drain took (copying it made a flood of messages whose
	// handler throws at each, which a test may now go on after, quadratic); what the reader
	// queued since is moved behind it.
	queued := c.queue
	c.queue = append(rest, queued...)
	clear(queued)
	c.posted = true
	c.qmu.Unlock()
	c.src.Post(c.drainFn)
}

func (c *conn) handle(e *event) error {
	switch e.kind {
	case evMessage:
		return c.onMessage(e.msg)
	case evPing:
		c.m.transcribe(TranscriptEntry{Conn: c.set.name, Server: c.set.server, Dir: Ping, At: time.Now(), Binary: true, Data: e.payload})
		return c.emit("ping", c.m.bytesValue(e.payload))
	case evPong:
		c.m.transcribe(TranscriptEntry{Conn: c.set.name, Server: c.set.server, Dir: Pong, At: time.Now(), Binary: true, Data: e.payload})
		c.pong(e.payload)
		return c.emit("pong", c.m.bytesValue(e.payload))
	case evClose:
		return c.onClose(e.close)
	}
	return nil
}

// onMessage records a message, runs the handlers that observe it, then offers it to waiting
// expects. Loop goroutine.
func (c *conn) onMessage(msg transport.Message) error {
	c.total++
	rec, err := c.decode(msg)
	c.m.transcribe(TranscriptEntry{Conn: c.set.name, Server: c.set.server, Dir: Received, At: msg.At, Binary: rec.binary, Text: rec.text, Data: binaryData(msg)})
	if err != nil {
		return err
	}
	if c.history.push(rec) && !c.historyNoted {
		c.historyNoted = true
		c.note(fmt.Sprintf("history is capped at %d messages (maxHistory): older ones are dropped from messages", c.set.maxHistory))
	}
	if c.inbox.push(rec) && !c.inboxNoted {
		c.inboxNoted = true
		c.note(fmt.Sprintf("more than %d messages were never consumed by an expect (maxInbox): the oldest are dropped", c.set.maxInbox))
	}
	thrown := c.dispatch(rec) // a handler that threw does not keep the message from expects
	err = c.offer(rec)
	rec.compact()
	if thrown != nil {
		return thrown
	}
	return err
}

func binaryData(msg transport.Message) []byte {
	if msg.Type == transport.Binary {
		return msg.Data
	}
	return nil
}

// decode turns a frame into the value scripts see, by the parse option.
func (c *conn) decode(msg transport.Message) (*record, error) {
	rec := c.newRecord()
	rec.at, rec.from = msg.At, c
	if msg.Type == transport.Binary {
		rec.binary = true
		rec.data = c.m.bytesValue(msg.Data)
		return rec, nil
	}
	rec.text = msg.Text() // no copy: nothing writes to the frame's bytes
	switch c.set.parse {
	case parseText:
	case parseAuto:
		if looksJSON(rec.text) {
			if v, err := c.m.json(rec.text); err == nil {
				rec.data = v
			}
		}
	case parseJSON:
		v, err := c.m.json(rec.text)
		if err != nil {
			rec.data = c.m.vm.ToValue(rec.text)
			return rec, &eventloop.JSError{Value: c.m.newError("Error", fmt.Sprintf("%s: received a text frame that is not JSON, but the connection was opened with parse: 'json': %s\n  frame: %s",
				c.set.name, strings.TrimPrefix(exceptionText(err), "SyntaxError: "), shorten(rec.text, 200)), nil)}
		}
		rec.data = v
	}
	if rec.data == nil {
		rec.data = c.m.vm.ToValue(rec.text)
	}
	return rec, nil
}

// newRecord carves a received message's record from a chunk, one allocation per chunk rather
// than per message. Chunks start at one record and double up to maxRecordChunk, so that the
// 500 connections of a test that receive one message each do not hold a full chunk each. A
// chunk lives as long as any of its records: records leave history and inbox in about the
// order they came, so that is a few dozen records more than those kept.
func (c *conn) newRecord() *record {
	if len(c.freeRecords) == 0 {
		c.freeRecords = make([]record, min(1<<c.recordChunks, maxRecordChunk))
		c.recordChunks = min(c.recordChunks+1, 8)
	}
	rec := &c.freeRecords[0]
	c.freeRecords = c.freeRecords[1:]
	return rec
}

// decodeText is the value of a text frame by the parse option, for a frame that decode
// accepted before: parse 'json' frames are JSON then.
func (c *conn) decodeText(text string) goja.Value {
	if c.set.parse != parseText && (c.set.parse == parseJSON || looksJSON(text)) {
		if v, err := c.m.json(text); err == nil {
			return v
		}
	}
	return c.m.vm.ToValue(text)
}

func exceptionText(err error) string {
	if ex, ok := err.(*goja.Exception); ok {
		return ex.Value().String()
	}
	return err.Error()
}

// looksJSON: the first non-space character is { or [.
func looksJSON(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r':
			continue
		case '{', '[':
			return true
		}
		return false
	}
	return false
}

func (c *conn) note(text string) {
	c.m.transcribe(TranscriptEntry{Conn: c.set.name, Server: c.set.server, Dir: Note, At: time.Now(), Text: text})
}

// onClose records how the connection ended, fails what waited on it, tells 'close' handlers
// and releases the loop. Loop goroutine.
func (c *conn) onClose(e *transport.CloseError) error {
	c.closed = true
	c.closeCode, c.closeReason, c.closeErr = e.Code, e.Reason, e
	c.m.transcribe(TranscriptEntry{Conn: c.set.name, Server: c.set.server, Dir: Closed, At: time.Now(), Text: closeText(e)})
	defer c.src.Release()
	c.failWaiters()
	// Inboxes end after the 'close' handlers ran (deferred), so a protocol module's handler
	// can push a last item a pending wait is waiting for (Socket.IO's disconnect reason).
	defer func() {
		for _, b := range append([]*itemBox(nil), c.boxes...) {
			b.finish("the connection " + c.closedText())
		}
	}()
	for _, p := range c.pings {
		p.pending.Done()
		p.reject(c.m.newError("Error", fmt.Sprintf("%s: ping got no pong: the connection %s", c.set.name, c.closedText()), p.site))
	}
	c.pings = nil
	for _, fn := range c.onClosed {
		fn()
	}
	c.onClosed = nil
	info := c.m.vm.NewObject()
	_ = info.Set("code", e.Code)
	_ = info.Set("reason", e.Reason)
	_ = info.Set("wasClean", e.Clean)
	if e.Err != nil && !e.Clean {
		if err := c.emit("error", c.m.loop.NewError(fmt.Sprintf("%s: %s", c.set.name, e.Error()))); err != nil {
			return err
		}
	}
	return c.emit("close", info)
}

func closeText(e *transport.CloseError) string {
	s := fmt.Sprintf("%d", e.Code)
	if name := transport.CloseCodeName(e.Code); name != "" {
		s += " " + name
	}
	if e.Reason != "" {
		s += fmt.Sprintf(" %q", e.Reason)
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// closedText says how the connection closed, for error messages: "closed with 1000 normal closure: bye".
func (c *conn) closedText() string {
	if c.closeErr == nil && c.released {
		return "was closed when the test (or describe block) that opened it ended"
	}
	if c.closeErr == nil {
		return "is closed"
	}
	return c.closeErr.Error()
}
