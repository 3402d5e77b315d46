package ws

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync/atomic"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/argcheck"
	"github.com/wsrun/wsrun/runtime/eventloop"
	"github.com/wsrun/wsrun/transport"
)

// connect is ws.connect(url, options?): it dials on a goroutine and resolves on the loop.
func (m *Module) connect(call goja.FunctionCall) goja.Value {
	rawURL := call.Argument(0)
	if o, ok := rawURL.(*goja.Object); ok && goja.IsString(o.Get("href")) { // a URL object
		rawURL = o.Get("href")
	}
	if !goja.IsString(rawURL) {
		argcheck.Throw(m.vm, "ws.connect: url must be a string like \"ws://127.0.0.1:8080/path\" or a URL, got %s", argcheck.Describe(rawURL))
	}
	o := connectOptions.Check(m.vm, call.Argument(1))
	sig := m.signal("ws.connect", call.Argument(1))
	dial, set := m.dialOptions(o)
	if set.name == "" {
		set.name = m.nextClientName()
	}
	site := m.callSite()
	scope := m.loop.Scope()
	p, resolve, reject := m.vm.NewPromise()
	if sig != nil && sig.Aborted() {
		_ = reject(m.abortError(fmt.Sprintf("ws.connect(%q)", rawURL.String()), sig.Reason(), "", site))
		return m.vm.ToValue(p)
	}

	ctx, cancel := context.WithCancel(context.Background())
	var dialed atomic.Pointer[transport.Conn]
	handedOver := false
	cw := &connecting{url: rawURL.String(), site: site}
	src := m.loop.Reserve("ws connect "+rawURL.String(), func() {
		cancel()
		if !handedOver { // closed before the script got the connection: nobody else will close it
			if tc := dialed.Load(); tc != nil {
				tc.Abort()
			}
		}
	})
	cw.src = src
	m.loop.StartWait(&cw.pending, cw)
	off := func() {}
	if sig != nil {
		off = sig.OnAbort(func(reason goja.Value) {
			cw.pending.Done()
			cw.CancelWait() // stops the dial; a connection made already is closed
			_ = reject(m.abortError(cw.WaitLabel(), reason, "", site))
		})
	}
	go func() {
		tc, err := transport.Dial(ctx, rawURL.String(), dial)
		if tc != nil {
			dialed.Store(tc)
		}
		posted := src.Post(func() error {
			defer src.Release()
			off()
			if cw.cancelled { // its test is over; a task queued before that still runs
				if tc != nil {
					tc.Abort()
				}
				return nil
			}
			cw.pending.Done()
			if err != nil {
				_ = reject(m.connectError(err, site))
				return nil
			}
			handedOver = true
			c := m.newConn(tc, set, tc.ResponseHeaders(), scope)
			_ = resolve(c.obj) // runs the awaiting continuation, so its handlers are in place
			c.start()
			return nil
		})
		if !posted && tc != nil {
			tc.Abort()
		}
	}()
	return m.vm.ToValue(p)
}

// connecting is a ws.connect whose promise has not settled yet.
type connecting struct {
	url       string
	site      callSite
	src       *eventloop.Source
	pending   eventloop.Wait
	cancelled bool
}

// WaitLabel names the call for the message of a test that did not await it.
func (cw *connecting) WaitLabel() string { return fmt.Sprintf("ws.connect(%q)", cw.url) }

// WaitSite is where the script called ws.connect.
func (cw *connecting) WaitSite() []goja.StackFrame { return cw.site }

// CancelWait gives up a connect its test left pending: the dial stops, and a connection it
// made is closed, never handed to the script.
func (cw *connecting) CancelWait() {
	cw.cancelled = true
	cw.src.Release()
}

// connectError is the Error a failed connect rejects with; a refused handshake also carries
// status, headers and body.
func (m *Module) connectError(err error, site callSite) *goja.Object {
	e := m.newError("Error", err.Error(), site)
	var he *transport.HandshakeError
	if errors.As(err, &he) {
		_ = e.Set("status", he.Status)
		_ = e.Set("headers", m.headersObject(he.Headers))
		_ = e.Set("body", he.Body)
	}
	return e
}

// dialOptions reads connect's options object, which connectOptions has checked.
func (m *Module) dialOptions(o *goja.Object) (transport.DialOptions, connSettings) {
	d := transport.DialOptions{
		HandshakeTimeout: transport.DefaultHandshakeTimeout,
		Origin:           optString(o, "origin", ""),
		Compression:      optBool(o, "compression", false),
		MaxMessageSize:   optInt(o, "maxMessageSize", 0),
		MaxBuffered:      optInt(o, "maxBuffered", 0),
		Insecure:         optBool(o, "insecure", m.opts.Insecure) || m.opts.Insecure,
	}
	if v := optGet(o, "timeout"); v != nil {
		d.HandshakeTimeout = argcheck.Millis(v.ToFloat())
	}
	set := m.settings(o)
	if h := asObject(optGet(o, "headers")); h != nil {
		d.Headers = http.Header{}
		for _, k := range h.Keys() {
			d.Headers.Set(k, h.Get(k).String())
		}
	}
	if q := asObject(optGet(o, "query")); q != nil {
		d.Query = url.Values{}
		for _, k := range q.Keys() {
			d.Query.Set(k, q.Get(k).String())
		}
	}
	if ps := optGet(o, "protocols"); ps != nil {
		_ = m.vm.ExportTo(ps, &d.Protocols) // an array of strings: argcheck has seen to it
	}
	if t := asObject(optGet(o, "tls")); t != nil {
		d.TLS = transport.TLSFiles{CA: optString(t, "ca", ""), Cert: optString(t, "cert", ""), Key: optString(t, "key", "")}
	}
	return d, set
}

// settings reads the options both connect and serve take: name, parse, maxHistory, maxInbox.
func (m *Module) settings(o *goja.Object) connSettings {
	return connSettings{
		name:       optString(o, "name", ""),
		parse:      parseModeOf(optString(o, "parse", "auto")),
		maxHistory: int(optInt(o, "maxHistory", defaultMaxHistory)),
		maxInbox:   int(optInt(o, "maxInbox", defaultMaxInbox)),
	}
}
