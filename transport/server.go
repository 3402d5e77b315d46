package transport

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

const (
	// serverCloseWait bounds how long Server.Close waits for its
	// connections' closing handshakes. Each Conn drops its own TCP
	// connection after CloseTimeout; the extra second covers the echo.
	serverCloseWait = CloseTimeout + time.Second

	// serverAbortWait bounds the wait for connections that Server.Close had
	// to abort, in case a Handler's OnClose does not return promptly.
	serverAbortWait = time.Second

	// readHeaderTimeout is how long a client may take to send the headers
	// of its upgrade request.
	readHeaderTimeout = 10 * time.Second
)

// ServerOptions configures Listen. The zero value serves ws://127.0.0.1:<free port>/.
type ServerOptions struct {
	// Host is the address to bind; default 127.0.0.1.
	Host string
	// Port is the TCP port; 0 picks a free one.
	Port int
	// Path is the only path that accepts upgrades; default "/". Other
	// paths answer 404.
	Path string
	// AnyPath accepts upgrades on every path, as a proxy does; Path then
	// only shapes URL.
	AnyPath bool
	// Protocols are the subprotocols the server supports; the first of the
	// client's offered protocols that is in this list is chosen.
	Protocols []string
	// SelectProtocol, if set, chooses the subprotocol instead of Protocols
	// ("" for none), after Verify accepted the request, on the HTTP handler
	// goroutine: a proxy answers with what the server behind it chose.
	SelectProtocol func(r *http.Request) string
	// Compression accepts permessage-deflate when the client offers it.
	Compression bool
	// MaxMessageSize is the largest message accepted from a client; 0
	// means DefaultMaxMessageSize and a negative value means no limit.
	MaxMessageSize int64
	// MaxBuffered caps, per connection, the bytes sent but not yet written
	// to the socket (see Conn.Send); 0 means DefaultMaxBuffered and a
	// negative value means no cap.
	MaxBuffered int64
	// Verify, if set, runs on the HTTP handler goroutine before the
	// upgrade and may block. Returning ok=false refuses the upgrade with
	// status (403 if 0) and body.
	Verify func(r *http.Request) (ok bool, status int, body string)
	// HTTP, if set, answers every request that is not a WebSocket upgrade, on any path, on
	// the HTTP handler goroutine; without it such requests get gorilla's 400 (or 404 off the
	// path). It lets one scripted server play an HTTP API beside its WebSocket endpoint.
	HTTP http.HandlerFunc
	// Listener, if set, is a listening socket that an earlier Server gave up with Detach: the
	// server accepts on it instead of opening one, and Host and Port are ignored.
	Listener *Listener
	// OnConnect runs on the HTTP handler goroutine after each successful
	// upgrade, one at a time in the order the upgrades were answered, so it
	// should return promptly: the next upgrade waits for it. It must call
	// c.Start. Without OnConnect, connections are
	// started with a handler that ignores everything.
	OnConnect func(c *Conn, r *http.Request)
}

// Server accepts WebSocket connections on one path. Its methods may be
// called from any goroutine.
type Server struct {
	opts      ServerOptions
	path      string
	url       string
	port      int
	ln        *Listener
	httpSrv   *http.Server
	upgrader  websocket.Upgrader
	serveDone chan struct{}
	closeOnce sync.Once
	// upgrading is held from before an upgrade's 101 until its OnConnect returns: see serveHTTP.
	upgrading sync.Mutex

	mu     sync.Mutex
	conns  map[*Conn]struct{}
	closed bool
}

// Listener is a server's listening socket, which Detach hands from one Server to the next so
// that clients connecting in between wait in the kernel's backlog instead of being refused.
type Listener struct {
	tcp *net.TCPListener
	// keep makes Close stop Accept without closing the socket: http.Server closes its
	// listener when it closes, and Detach wants the socket to outlive it.
	keep bool
	mu   sync.Mutex
}

// Accept waits for the next connection (net.Listener). The Server's http.Server calls it.
func (l *Listener) Accept() (net.Conn, error) { return l.tcp.Accept() }

// Addr is the socket's address (net.Listener).
func (l *Listener) Addr() net.Addr { return l.tcp.Addr() }

// Port is the TCP port the socket listens on.
func (l *Listener) Port() int { return l.tcp.Addr().(*net.TCPAddr).Port }

// Close closes the socket, or while a Detach holds it, wakes Accept with a timeout, which
// ends http.Server's Serve once the server is shutting down.
func (l *Listener) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.keep {
		return l.tcp.SetDeadline(time.Unix(1, 0))
	}
	return l.tcp.Close()
}

// resume makes a detached listener accept again, for the Server that adopts it.
func (l *Listener) resume() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.keep = false
	return l.tcp.SetDeadline(time.Time{})
}

// Listen starts a server with opts and returns once it is listening. The
// HTTP server runs on its own goroutines until Close.
func Listen(opts ServerOptions) (*Server, error) {
	host := opts.Host
	if host == "" {
		host = "127.0.0.1"
	}
	path := opts.Path
	if path == "" {
		path = "/"
	} else if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	ln := opts.Listener
	if ln != nil {
		if err := ln.resume(); err != nil {
			return nil, fmt.Errorf("ws server: %w", err)
		}
		host = ln.tcp.Addr().(*net.TCPAddr).IP.String()
	} else {
		tcp, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(opts.Port)))
		if err != nil {
			return nil, fmt.Errorf("ws server: %w", err) // "listen tcp 127.0.0.1:4001: bind: address already in use"
		}
		ln = &Listener{tcp: tcp.(*net.TCPListener)}
	}
	port := ln.Port()
	urlHost := host
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		urlHost = "127.0.0.1" // bound to every interface: loopback reaches it
		if ip.To4() == nil {
			urlHost = "::1"
		}
	}
	s := &Server{
		opts:      opts,
		path:      path,
		url:       "ws://" + net.JoinHostPort(urlHost, strconv.Itoa(port)) + path,
		port:      port,
		ln:        ln,
		serveDone: make(chan struct{}),
		conns:     make(map[*Conn]struct{}),
		upgrader: websocket.Upgrader{
			EnableCompression: opts.Compression,
			HandshakeTimeout:  writeTimeout,
			// Origins are the test script's business: Verify can check them.
			CheckOrigin: func(*http.Request) bool { return true },
		},
	}
	s.httpSrv = &http.Server{
		Handler:           http.HandlerFunc(s.serveHTTP),
		ReadHeaderTimeout: readHeaderTimeout,
		ErrorLog:          log.New(io.Discard, "", 0), // nothing of ours writes to stderr
	}
	go func() {
		defer close(s.serveDone)
		_ = s.httpSrv.Serve(ln) // returns http.ErrServerClosed after Close
	}()
	return s, nil
}

// URL returns the server's URL, e.g. ws://127.0.0.1:4001/path.
func (s *Server) URL() string { return s.url }

// Port returns the TCP port the server listens on.
func (s *Server) Port() int { return s.port }

// serveHTTP runs on the HTTP server's handler goroutine, one per request.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if s.opts.HTTP != nil && !websocket.IsWebSocketUpgrade(r) {
		s.opts.HTTP(w, r)
		return
	}
	if !s.opts.AnyPath && r.URL.Path != s.path {
		http.NotFound(w, r)
		return
	}
	if s.opts.Verify != nil {
		if ok, status, body := s.opts.Verify(r); !ok {
			if status == 0 {
				status = http.StatusForbidden
			}
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.WriteHeader(status)
			io.WriteString(w, body)
			return
		}
	}
	// gorilla's Upgrader prefers the server's order; the client's wins here.
	header := http.Header{}
	if p := s.pickProtocol(r); p != "" {
		header.Set("Sec-WebSocket-Protocol", p)
	}
	// A client may see its 101 before this goroutine reaches OnConnect, connect again, and
	// have the second connection reported first. Holding upgrading from before the 101 to the end
	// of OnConnect reports upgrades in the order they were answered, so expectConnection hands
	// back the connections of clients that connected one after another in their order. The
	// cost: a later upgrade waits for an OnConnect that blocks.
	s.upgrading.Lock()
	defer s.upgrading.Unlock()
	hj := &hijacker{ResponseWriter: w}
	ws, err := s.upgrader.Upgrade(hj, r, header)
	if err != nil {
		return // gorilla has answered with an HTTP error
	}
	c := newConn(ws, hj.wire, hj.wire.Conn, "ws://"+r.Host+r.URL.RequestURI(), maxSize(s.opts.MaxMessageSize), bufferCap(s.opts.MaxBuffered))
	c.onFinish = func() { s.untrack(c) }
	if !s.track(c) {
		c.Abort() // the server closed during the upgrade
		return
	}
	if s.opts.OnConnect == nil {
		c.Start(ignoreAll{})
		return
	}
	s.opts.OnConnect(c, r)
}

// hijacker hands gorilla the hijacked connection wrapped in a wire.
type hijacker struct {
	http.ResponseWriter
	wire *wire
}

func (h *hijacker) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	hj, ok := h.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, errors.New("the HTTP server does not support hijacking")
	}
	c, brw, err := hj.Hijack()
	if err != nil {
		return nil, nil, err
	}
	h.wire = newWire(c)
	return h.wire, brw, nil
}

func (s *Server) pickProtocol(r *http.Request) string {
	if s.opts.SelectProtocol != nil {
		return s.opts.SelectProtocol(r)
	}
	for _, offered := range websocket.Subprotocols(r) {
		for _, supported := range s.opts.Protocols {
			if offered == supported {
				return offered
			}
		}
	}
	return ""
}

func (s *Server) track(c *Conn) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	s.conns[c] = struct{}{}
	return true
}

func (s *Server) untrack(c *Conn) {
	s.mu.Lock()
	delete(s.conns, c)
	s.mu.Unlock()
}

// Close stops listening, starts the closing handshake with code and reason
// on every live connection (wsrun uses 1001) and waits, at most about
// serverCloseWait plus serverAbortWait, for them to end; stragglers are
// aborted. It blocks: call it off the JS loop. Close is idempotent;
// a concurrent second call waits for the first.
func (s *Server) Close(code int, reason string) { s.close(code, reason, false) }

// Detach is Close, but the listening socket stays open and is returned, for a Server that
// takes over (ServerOptions.Listener; wsrun serve --watch restarting): a client that
// reconnects at once is answered by that one. If the caller adopts it in no new Server, it
// must Close it. After Close, or a second Detach, Detach returns nil.
func (s *Server) Detach(code int, reason string) *Listener {
	if !s.close(code, reason, true) {
		return nil
	}
	return s.ln
}

// close is Close, keeping the listening socket when keep is set; it reports whether this call
// closed the server.
func (s *Server) close(code int, reason string, keep bool) (closed bool) {
	s.closeOnce.Do(func() {
		closed = true
		s.ln.mu.Lock()
		s.ln.keep = keep
		s.ln.mu.Unlock()
		s.mu.Lock()
		s.closed = true
		conns := make([]*Conn, 0, len(s.conns))
		for c := range s.conns {
			conns = append(conns, c)
		}
		s.mu.Unlock()

		_ = s.httpSrv.Close() // listener and connections not yet upgraded
		<-s.serveDone
		s.ln.mu.Lock()
		s.ln.keep = false // from now on, whoever holds the socket closes it for real
		s.ln.mu.Unlock()
		for _, c := range conns {
			c.Close(code, reason)
		}
		if !waitDone(conns, serverCloseWait) {
			for _, c := range conns {
				c.Abort()
			}
			waitDone(conns, serverAbortWait)
		}
	})
	return closed
}

// waitDone waits up to d for every started Conn in conns to be done and
// reports whether they all were.
func waitDone(conns []*Conn, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	for _, c := range conns {
		if !c.isStarted() {
			c.Abort() // OnConnect never started it: nothing will report
			continue
		}
		select {
		case <-c.Done():
		case <-t.C:
			return false
		}
	}
	return true
}

func (c *Conn) isStarted() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.started
}

// ignoreAll is the Handler of connections a Server without OnConnect accepts.
type ignoreAll struct{}

func (ignoreAll) OnMessage(Message)   {}
func (ignoreAll) OnPing([]byte)       {}
func (ignoreAll) OnPong([]byte)       {}
func (ignoreAll) OnReadWait()         {}
func (ignoreAll) OnClose(*CloseError) {}
