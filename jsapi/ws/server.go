package ws

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"syscall"
	"time"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/argcheck"
	"github.com/wsrun/wsrun/runtime/eventloop"
	"github.com/wsrun/wsrun/transport"
)

// verifyTimeout bounds how long an upgrade waits for the script's verify(req) to answer; a
// busy or stopped loop must not hold HTTP goroutines forever.
const verifyTimeout = 10 * time.Second

// listenError says in its first words that the port is taken, the usual reason a mock
// cannot start (another copy of it still running): "port 8080 is in use (listen tcp
// 127.0.0.1:8080: bind: address already in use)".
func listenError(err error, port int) error {
	var op *net.OpError
	if errors.Is(err, syscall.EADDRINUSE) && errors.As(err, &op) {
		return fmt.Errorf("port %d is in use (%w)", port, op)
	}
	return err
}

// server is one ws.serve() server.
type server struct {
	m         *Module
	t         *transport.Server
	name      string
	set       connSettings
	src       *eventloop.Source
	scope     *eventloop.Scope
	obj       *goja.Object
	onConnect goja.Callable
	verify    goja.Callable
	http      goja.Callable // answers plain HTTP requests
	cors      bool          // http answers CORS (see serveHTTP)
	conns     []*conn
	accepted  int
	unclaimed []*conn       // accepted, not yet returned by expectConnection
	waiting   []*waiter     // expectConnection calls
	closed    bool          // server.close() was called: no client will connect
	call      int           // which ws.serve() call of the module made it, from 0 (Module.listened)
	ready     chan struct{} // closed once src is set (see source)
}

// serve is ws.serve(options?, onConnection?) → Promise<Server>.
func (m *Module) serve(call goja.FunctionCall) goja.Value {
	args := call.Arguments
	var o *goja.Object
	if len(args) > 0 {
		if _, isFn := goja.AssertFunction(args[0]); !isFn {
			o = serveOptions.Check(m.vm, args[0])
			args = args[1:]
		}
	}
	s := &server{m: m, scope: m.loop.Scope(), ready: make(chan struct{})}
	if len(args) > 0 && !goja.IsUndefined(args[0]) {
		fn, ok := goja.AssertFunction(args[0])
		if !ok {
			argcheck.Throw(m.vm, "ws.serve: onConnection must be a function (conn, req) => …, got %s", argcheck.Describe(args[0]))
		}
		s.onConnect = fn
	}
	s.set = m.settings(o)
	m.servers++
	s.name = optString(o, "name", "server")
	if m.servers > 1 && optGet(o, "name") == nil {
		s.name = fmt.Sprintf("server%d", m.servers)
	}
	if v := optGet(o, "verify"); v != nil {
		s.verify, _ = goja.AssertFunction(v) // a function: serveOptions has checked
	}
	opts := transport.ServerOptions{
		Host:           optString(o, "host", "127.0.0.1"),
		Port:           int(optInt(o, "port", 0)),
		Path:           optString(o, "path", "/"),
		Compression:    optBool(o, "compression", false),
		MaxMessageSize: optInt(o, "maxMessageSize", 0),
		MaxBuffered:    optInt(o, "maxBuffered", 0),
		OnConnect:      s.accept,
	}
	if ps := optGet(o, "protocols"); ps != nil {
		_ = m.vm.ExportTo(ps, &opts.Protocols)
	}
	if s.verify != nil {
		opts.Verify = s.verifyRequest
	}
	if v := optGet(o, "http"); v != nil {
		s.http, _ = goja.AssertFunction(v) // a function: serveOptions has checked
		s.cors = optBool(o, "cors", m.opts.CORS)
		opts.HTTP = s.serveHTTP
	}
	if i := m.servers - 1; i < len(m.inherit) && opts.Port == 0 {
		opts.Port = m.inherit[i].Port
	}
	opts.Listener = m.takeInherited(opts.Host, opts.Port)
	p, resolve, reject := m.vm.NewPromise()
	t, err := transport.Listen(opts)
	s.call = len(m.listened)
	if err != nil {
		err = listenError(err, opts.Port)
		if m.listenFailed == nil {
			m.listenFailed = err
		}
		m.listened = append(m.listened, Listened{Host: opts.Host})
		if opts.Listener != nil {
			_ = opts.Listener.Close()
		}
		_ = reject(m.newError("Error", fmt.Sprintf("ws.serve: %v", err), m.callSite()))
		return m.vm.ToValue(p)
	}
	m.listened = append(m.listened, Listened{Host: opts.Host, Port: t.Port()})
	s.t = t
	s.src = m.loop.Reserve("ws.serve "+t.URL(), func() {
		m.forget(s)
		go t.Close(1001, "server closed")
	})
	close(s.ready)
	s.obj = s.object()
	m.running = append(m.running, s)
	m.transcribe(TranscriptEntry{Conn: s.name, Server: true, Dir: Listen, At: time.Now(), Text: t.URL()})
	_ = resolve(s.obj)
	return m.vm.ToValue(p)
}

// takeInherited returns the inherited socket (Options.Inherit) that listens on port, for a
// ws.serve() that asks for host and port, whichever call of the previous run opened it (a save
// may reorder the calls); nil if there is none. One on that port but for another host is
// closed, or it would keep this call from listening there.
func (m *Module) takeInherited(host string, port int) *transport.Listener {
	if port == 0 {
		return nil
	}
	for i := range m.inherit {
		in := &m.inherit[i]
		if in.Listener == nil || in.Port != port {
			continue
		}
		l := in.Listener
		in.Listener = nil
		if in.Host == host {
			return l
		}
		_ = l.Close()
	}
	return nil
}

// forget drops s from the running servers.
func (m *Module) forget(s *server) {
	for i, x := range m.running {
		if x == s {
			m.running = append(m.running[:i], m.running[i+1:]...)
			return
		}
	}
}

// source is the server's loop source, for the HTTP handler goroutines (accept, verifyRequest,
// serveHTTP). A client that waited on an inherited socket (Options.Inherit) is served as soon
// as Listen returns, before serve has made the source: this waits until it has.
func (s *server) source() *eventloop.Source {
	<-s.ready
	return s.src
}

// accept runs on the HTTP handler goroutine for each upgraded connection.
func (s *server) accept(tc *transport.Conn, r *http.Request) {
	if !s.source().Post(func() error { return s.adopt(tc, r) }) {
		tc.Abort()
	}
}

// adopt makes the Connection object, runs onConnection, hands the connection to a waiting
// expectConnection, and only then starts reading. Loop goroutine.
func (s *server) adopt(tc *transport.Conn, r *http.Request) error {
	s.accepted++
	set := s.set
	set.name = fmt.Sprintf("%s:conn%d", s.name, s.accepted)
	set.server = true
	c := s.m.newConn(tc, set, r.Header, s.scope)
	s.conns = append(s.conns, c)
	defer c.start()
	if len(s.waiting) > 0 {
		w := s.waiting[0]
		s.waiting = s.waiting[1:]
		w.succeed(c.obj)
	} else {
		s.unclaimed = append(s.unclaimed, c)
	}
	if s.onConnect == nil {
		return nil
	}
	ret, err := s.onConnect(goja.Undefined(), c.obj, s.request(r))
	if err != nil {
		return err
	}
	if p, ok := argcheck.Promise(ret); ok {
		s.m.watch(p)
	}
	return nil
}

// watch fails the running test if p, returned by a callback nobody awaits, rejects.
func (m *Module) watch(p *goja.Promise) {
	m.then(p, nil, func(reason goja.Value) {
		m.loop.Fail(&eventloop.UnhandledRejection{Reason: reason})
	})
}

// then attaches reactions to p; a nil reaction is left out.
func (m *Module) then(p *goja.Promise, onFulfilled, onRejected func(goja.Value)) {
	thenFn, _ := goja.AssertFunction(m.vm.ToValue(p).ToObject(m.vm).Get("then"))
	var f, r goja.Value = goja.Undefined(), goja.Undefined()
	if onFulfilled != nil {
		f = m.vm.ToValue(onFulfilled)
	}
	if onRejected != nil {
		r = m.vm.ToValue(onRejected)
	}
	_, _ = thenFn(m.vm.ToValue(p), f, r)
}

// request is the req object of onConnection and verify: { url, path, query, headers }.
func (s *server) request(r *http.Request) *goja.Object {
	s.m.loop.MustOwn()
	vm := s.m.vm
	o := vm.NewObject()
	_ = o.Set("url", r.URL.RequestURI())
	_ = o.Set("path", r.URL.Path)
	q := vm.NewObject()
	for k, vs := range r.URL.Query() {
		_ = q.Set(k, vs[0])
	}
	_ = o.Set("query", q)
	_ = o.Set("headers", s.m.headersObject(r.Header))
	return o
}

type verdict struct {
	ok     bool
	status int
	body   string
}

// verifyRequest asks the script's verify(req) on the loop and waits for its answer. HTTP
// handler goroutine.
func (s *server) verifyRequest(r *http.Request) (bool, int, string) {
	answer := make(chan verdict, 1)
	posted := s.source().Post(func() error {
		v, err := s.verify(goja.Undefined(), s.request(r))
		if err != nil {
			answer <- verdict{status: http.StatusInternalServerError, body: "verify threw an error"}
			return err
		}
		deliver := func(v goja.Value) error {
			var d verdict
			if err := s.m.readResult(func() { d = s.verdictOf(v) }); err != nil {
				answer <- verdict{status: http.StatusInternalServerError, body: "verify returned an answer that could not be read"}
				return err
			}
			answer <- d
			return nil
		}
		if p, ok := argcheck.Promise(v); ok { // async verify
			s.m.then(p, func(v goja.Value) {
				if err := deliver(v); err != nil {
					s.m.loop.Fail(err)
				}
			}, func(reason goja.Value) {
				answer <- verdict{status: http.StatusInternalServerError, body: "verify threw an error"}
				s.m.loop.Fail(&eventloop.UnhandledRejection{Reason: reason})
			})
			return nil
		}
		return deliver(v)
	})
	if !posted {
		return false, http.StatusServiceUnavailable, "server is closing"
	}
	select {
	case v := <-answer:
		return v.ok, v.status, v.body
	case <-time.After(verifyTimeout):
		return false, http.StatusServiceUnavailable, "verify did not answer in time"
	}
}

// verdictOf reads verify's result: true accepts; { status, body } refuses; other falsy values
// refuse with 403.
func (s *server) verdictOf(v goja.Value) verdict {
	if o := asObject(v); o != nil {
		return verdict{status: s.answerStatus(o, "verify(req)", http.StatusForbidden), body: optString(o, "body", "")}
	}
	if v != nil && v.ToBoolean() {
		return verdict{ok: true}
	}
	return verdict{status: http.StatusForbidden, body: "refused by verify"}
}
