package record

import (
	"net/http"
	"sync"
	"time"

	"github.com/wsrun/wsrun/transport"
)

// Kind says what an Event is.
type Kind int

// The kinds of events, as the proxy observed them.
const (
	// Sent is a message a client sent (relayed to the server).
	Sent Kind = iota
	// Received is a message the server sent (relayed to the client).
	Received
	// Opened is a client's connection, once the server accepted it.
	Opened
	// ClientClosed is the client's close frame, or the client vanishing (Code 1006).
	ClientClosed
	// ServerClosed is the server's close frame, or the server vanishing (Code 1006).
	ServerClosed
)

// Event is one thing that happened on one recorded connection.
type Event struct {
	Conn   int // index into Recording.Conns
	Kind   Kind
	Type   transport.MessageType // Sent and Received
	Data   []byte                // Sent and Received
	Code   int                   // the closes
	Reason string                // the closes
	At     time.Time
}

// Connection is one client's connection as the proxy relayed it.
type Connection struct {
	// Path is the client's request URI (path and query), which the proxy
	// appended to the target's path.
	Path string
	// Headers are the request headers forwarded to the server.
	Headers http.Header
	// Protocols are the subprotocols the client offered; Protocol is the
	// one the server chose.
	Protocols []string
	Protocol  string
	// Compression is whether the client offered permessage-deflate.
	Compression bool
}

// Recording is a session: the target, the connections and what happened on
// them, in the order the proxy saw it across all connections.
type Recording struct {
	Target string
	Conns  []Connection
	Events []Event
	// Unrecorded counts the messages relayed after the recording held its most bytes (see
	// Options.MaxRecorded): they are not in Events.
	Unrecorded int
}

// MaxRecorded is the default of Options.MaxRecorded.
const MaxRecorded = 256 << 20

// recorder collects a Recording from the proxy's goroutines.
type recorder struct {
	mu    sync.Mutex
	rec   Recording
	bytes int64 // of the messages in rec
	max   int64
}

// open adds a connection and its Opened event and returns its index.
func (r *recorder) open(c Connection) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.rec.Conns = append(r.rec.Conns, c)
	i := len(r.rec.Conns) - 1
	r.rec.Events = append(r.rec.Events, Event{Conn: i, Kind: Opened, At: time.Now()})
	return i
}

// add records e, unless it is a message past the recording's most bytes: that is counted in
// Unrecorded, and add reports whether it was the first such.
func (r *recorder) add(e Event) (firstUnrecorded bool) {
	e.At = time.Now()
	r.mu.Lock()
	defer r.mu.Unlock()
	if e.Kind == Sent || e.Kind == Received {
		if r.bytes+int64(len(e.Data)) > r.max {
			r.rec.Unrecorded++
			return r.rec.Unrecorded == 1
		}
		r.bytes += int64(len(e.Data))
	}
	r.rec.Events = append(r.rec.Events, e)
	return false
}

// snapshot returns a copy of what was recorded so far.
func (r *recorder) snapshot() Recording {
	r.mu.Lock()
	defer r.mu.Unlock()
	return Recording{
		Target:     r.rec.Target,
		Conns:      append([]Connection(nil), r.rec.Conns...),
		Events:     append([]Event(nil), r.rec.Events...),
		Unrecorded: r.rec.Unrecorded,
	}
}
