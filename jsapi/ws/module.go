package ws

import (
	"fmt"
	"slices"
	"time"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/modules"
	"github.com/wsrun/wsrun/runtime/eventloop"
	"github.com/wsrun/wsrun/transport"
)

// Matcher is what the module needs of the expect library to match and describe messages.
type Matcher interface {
	Matches(pattern, value goja.Value) (bool, error)
	IsAsymmetric(v goja.Value) bool
	Format(v goja.Value) string
	DiffMatch(pattern, received goja.Value) string
	Closest(pattern goja.Value, candidates []goja.Value) int
}

// Direction of a TranscriptEntry.
type Direction string

// The directions a TranscriptEntry can have.
const (
	Sent     Direction = "sent"
	Received Direction = "received"
	Opened   Direction = "open"
	Closed   Direction = "close"
	Note     Direction = "note"
	Listen   Direction = "listen" // a ws.serve server started; Text is its URL
	Ping     Direction = "ping"   // a ping arrived; Data is its payload
	Pong     Direction = "pong"   // a pong arrived; Data is its payload
	// Wait is an expect* that ended: Text is its call (`alice.expect({"type":"welcome"})`),
	// Start when it was made, At when it ended, Outcome how. Only with Options.TranscribeWaits.
	Wait Direction = "wait"
)

// TranscriptEntry is one entry of a connection's transcript: a message sent or received, an
// open, a close, or a note such as "history full". The engine keeps per-test tails, writes
// trace files and prints -vv output from these.
type TranscriptEntry struct {
	Conn   string
	Server bool // the server side of a ws.serve connection, or the server itself
	Dir    Direction
	At     time.Time
	Binary bool
	Text   string // a text message, or what an open, close or note says; empty for binary (see Data)
	Data   []byte // binary payload
	// A Wait's start and outcome: satisfied, timed out, failed (the connection closed, a
	// matcher threw), aborted (its AbortSignal) or cancelled (its test ended first).
	Start   time.Time
	Outcome string
}

// Options configures the module for one VM.
type Options struct {
	Matcher       Matcher
	ExpectTimeout time.Duration // default wait of expect*; DefaultExpectTimeout when zero
	Insecure      bool          // --insecure: skip TLS checks everywhere
	// OnEntry receives every transcript entry, on the loop goroutine.
	OnEntry func(TranscriptEntry)
	// TranscribeWaits adds a Wait entry for every expect* that ends (the HTML report draws
	// them); off, a wait costs no label.
	TranscribeWaits bool
	// OnOperation receives the latency of every request-like operation that completed
	// (Connection.request, and operation() of wsrun/internal for the protocol modules), on
	// the loop goroutine; nil records nothing.
	OnOperation func(name, protocol string, d time.Duration)
	// CORS is the default of ws.serve's cors option: on under `wsrun serve`, so that a page
	// from a dev server on another port can call the mock's http handler.
	CORS bool
	// Inherit is what a previous run of the same script listened on (wsrun serve --watch
	// restarting it), one entry per ws.serve() call: the n-th call that asks for port 0
	// listens on Inherit[n-1].Port instead, so that clients reconnect where they were; a call
	// takes over the open socket of the host and port it asks for, whichever call opened it.
	Inherit []Listened
}

// Listened is where one ws.serve() call listened: what Detach hands to the next run of the
// script (Options.Inherit).
type Listened struct {
	Host string // as the call asked for it
	Port int    // 0: the call failed, or listened on any port
	// Listener is the socket, still open, of a server that Detach closed: clients that
	// connect meanwhile wait for the next run. Whoever holds it when nobody adopts it closes it.
	Listener *transport.Listener
}

// Module is the ws module of one VM.
type Module struct {
	loop     *eventloop.Loop
	vm       *goja.Runtime
	opts     Options
	clients  int // for default names conn1, conn2, …
	servers  int
	helpers  jsHelpers
	running  []*server    // servers started and not yet closed
	listened []Listened   // where each ws.serve() call listened, in call order; Port 0 where it failed
	inherit  []Listened   // Options.Inherit, whose Listener fields the calls that adopt them clear
	connKey  *goja.Symbol // the hidden property of a Connection object that holds its conn
	proto    *goja.Object // the prototype of Connection objects (connProto), made on first use
	// The Connection a method was last called on, and its conn (see this).
	lastObj  *goja.Object
	lastConn *conn
	// listenFailed is why the first ws.serve that could not listen failed (ListenFailure).
	listenFailed error
}

// DefaultExpectTimeout is the wait of an expect* given no timeout, when Options set none.
const DefaultExpectTimeout = 5 * time.Second

// DefaultWithin is how long an expectNone given neither within nor timeout watches.
const DefaultWithin = time.Second

// New makes the module for the loop's VM.
func New(loop *eventloop.Loop, opts Options) *Module {
	if opts.ExpectTimeout <= 0 {
		opts.ExpectTimeout = DefaultExpectTimeout
	}
	m := &Module{loop: loop, vm: loop.VM(), opts: opts, connKey: goja.NewSymbol("wsrun.connection"), inherit: slices.Clone(opts.Inherit)}
	m.helpers = newHelpers(m.vm)
	return m
}

// Exports returns the module object: { connect, serve }. It is also the `ws` global and the
// default export of "wsrun/ws".
func (m *Module) Exports() *goja.Object {
	obj := m.vm.NewObject()
	_ = obj.Set("connect", m.connect)
	_ = obj.Set("serve", m.serve)
	return obj
}

// Instantiate returns the exports of "wsrun/ws": connect, serve, and the module itself as its
// default export, which is also the ws global. The engine makes the Module with New, in its
// table of built-ins, and keeps it (Shutdown).
func (m *Module) Instantiate(modules.VU) (goja.Value, error) {
	obj := m.Exports()
	_ = obj.Set("default", obj)
	return obj, nil
}

// transcribe hands e to the engine's transcript.
func (m *Module) transcribe(e TranscriptEntry) {
	if m.opts.OnEntry != nil {
		m.opts.OnEntry(e)
	}
}

func (m *Module) nextClientName() string {
	m.clients++
	return fmt.Sprintf("conn%d", m.clients)
}

// ListenFailure is why the first ws.serve() that could not listen failed, or nil: what
// `wsrun serve` reports on one line when the script fails for it.
func (m *Module) ListenFailure() error { return m.listenFailed }

// Shutdown closes every server the module started, each connection with code and reason,
// and returns when they are closed and their ports free: the end of `wsrun serve` (1001).
// Loop goroutine.
func (m *Module) Shutdown(code int, reason string) {
	for _, s := range m.running {
		s.t.Close(code, reason)
	}
	m.running = nil
	m.DropInherited()
}

// Detach closes every server like Shutdown (a restart: 1012) but keeps their sockets open,
// and returns where each ws.serve() call listened, for Options.Inherit of the script's next
// run; the caller closes the Listeners nobody adopts. Loop goroutine.
func (m *Module) Detach(code int, reason string) []Listened {
	for _, s := range m.running {
		m.listened[s.call].Listener = s.t.Detach(code, reason)
	}
	m.running = nil
	m.DropInherited()
	out := slices.Clone(m.listened)
	for i := range m.listened {
		m.listened[i].Listener = nil
	}
	return out
}

// DropInherited closes the inherited sockets no ws.serve() call has adopted: wsrun serve calls
// it once the script's top level has run. Loop goroutine.
func (m *Module) DropInherited() {
	CloseListeners(m.inherit)
	m.inherit = nil
}

// CloseListeners closes the open sockets in ls.
func CloseListeners(ls []Listened) {
	for _, l := range ls {
		if l.Listener != nil {
			_ = l.Listener.Close()
		}
	}
}
