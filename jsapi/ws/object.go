package ws

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/argcheck"
	"github.com/wsrun/wsrun/runtime/eventloop"
	"github.com/wsrun/wsrun/transport"
)

// object builds the Connection object scripts see: its own properties are the constants and
// the hidden link to c; the methods and getters live on one prototype per VM (connProto), so
// a connection costs a few hundred bytes of JS objects instead of a closure per method.
func (c *conn) object() *goja.Object {
	vm := c.m.vm
	o := vm.NewObject()
	_ = o.SetPrototype(c.m.connProto())
	constant := func(name string, v any) {
		_ = o.DefineDataProperty(name, vm.ToValue(v), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	}
	_ = o.DefineDataPropertySymbol(c.m.connKey, vm.ToValue(connRef{c}), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	constant("url", c.url)
	constant("name", c.set.name)
	constant("protocol", c.t.Protocol())
	constant("headers", c.m.headersObject(c.headers))
	return o
}

// this is the conn a Connection method was called on. Like a browser WebSocket's, the methods
// are not bound to their object: `const { send } = conn; send(x)` throws here, saying how to
// call it.
func (m *Module) this(fn string, call goja.FunctionCall) *conn {
	o, ok := call.This.(*goja.Object)
	if ok && o == m.lastObj {
		return m.lastConn // a loop on one connection; Export allocates on every call
	}
	if ok {
		if ref := o.GetSymbol(m.connKey); ref != nil {
			if r, ok := ref.Export().(connRef); ok {
				m.lastObj, m.lastConn = o, r.c
				return r.c
			}
		}
	}
	argcheck.Throw(m.vm, "%s: call it on a Connection, as conn.%s(…); it was called on %s (Connection methods are not bound to their object, like a browser WebSocket's: do not destructure them, or bind them with conn.%s.bind(conn))",
		fn, fn, argcheck.Describe(call.This), fn)
	return nil
}

// connProto is the prototype of every Connection object of the VM, made on first use.
func (m *Module) connProto() *goja.Object {
	if m.proto != nil {
		return m.proto
	}
	vm := m.vm
	o := vm.NewObject()
	m.proto = o
	method := func(name string, fn func(c *conn, call goja.FunctionCall) goja.Value) {
		_ = o.Set(name, func(call goja.FunctionCall) goja.Value { return fn(m.this(name, call), call) })
	}
	// The hot methods take goja.FunctionCall: goja calls those directly, while other Go
	// signatures go through reflection on every call, which dominated request round trips.
	// Each method checks its options first (argcheck walks an options object only when one
	// is given), so a wrong call throws where it is written.
	promise := func(name string, fn func(c *conn, a, b goja.Value) *goja.Promise, opts *argcheck.Options) {
		method(name, func(c *conn, call goja.FunctionCall) goja.Value {
			opts.Check(vm, call.Argument(1))
			return vm.ToValue(fn(c, call.Argument(0), call.Argument(1)))
		})
	}
	method("send", func(c *conn, call goja.FunctionCall) goja.Value {
		m.needData("send", call.Argument(0))
		c.send(call.Argument(0))
		return goja.Undefined()
	})
	promise("expect", (*conn).expect, expectOptions)
	promise("expectNext", (*conn).expectNext, expectNextOptions)
	promise("expectAll", (*conn).expectAll, expectAllOptions)
	promise("expectNone", (*conn).expectNone, expectNoneOptions)
	method("expectClose", func(c *conn, call goja.FunctionCall) goja.Value {
		expectCloseOptions.Check(vm, call.Argument(0))
		return vm.ToValue(c.expectClose(call.Argument(0)))
	})
	method("request", func(c *conn, call goja.FunctionCall) goja.Value {
		m.needData("request", call.Argument(0))
		requestOptions.Check(vm, call.Argument(2))
		start := time.Now()
		if sig := m.signal("request", call.Argument(2)); sig == nil || !sig.Aborted() {
			c.send(call.Argument(0)) // with a signal aborted already, nothing is sent: it rejects at once
		}
		return vm.ToValue(c.expectTimed("request", call.Argument(1), call.Argument(2), m.timer(call.Argument(0), start)))
	})
	method("on", func(c *conn, call goja.FunctionCall) goja.Value { return c.on("on", call, false) })
	method("once", func(c *conn, call goja.FunctionCall) goja.Value { return c.on("once", call, true) })
	method("off", func(c *conn, call goja.FunctionCall) goja.Value {
		c.offByKey(call.Argument(0), call.Argument(1))
		return goja.Undefined()
	})
	method("close", func(c *conn, call goja.FunctionCall) goja.Value {
		code, reason := call.Argument(0), call.Argument(1)
		if !goja.IsUndefined(code) {
			m.checkCloseCode(code)
		}
		if !goja.IsUndefined(reason) {
			argcheck.Need(vm, reason, argcheck.String, "close", "reason")
			if n := len(reason.String()); n > maxCloseReason {
				argcheck.Throw(vm, "close: reason must be at most %d bytes of UTF-8 (a close frame holds 125), got %d", maxCloseReason, n)
			}
		}
		return vm.ToValue(c.closeMethod(code, reason))
	})
	method("ping", func(c *conn, call goja.FunctionCall) goja.Value { return vm.ToValue(c.ping(call.Argument(0))) })
	getter := func(name string, fn func(c *conn) goja.Value) {
		get := func(call goja.FunctionCall) goja.Value { return fn(m.this(name, call)) }
		_ = o.DefineAccessorProperty(name, vm.ToValue(get), nil, goja.FLAG_FALSE, goja.FLAG_TRUE)
	}
	getter("closed", func(c *conn) goja.Value { return vm.ToValue(c.closed || c.released) })
	getter("closeCode", func(c *conn) goja.Value {
		if !c.closed {
			return goja.Undefined()
		}
		return vm.ToValue(c.closeCode)
	})
	getter("closeReason", func(c *conn) goja.Value {
		if !c.closed {
			return goja.Undefined()
		}
		return vm.ToValue(c.closeReason)
	})
	getter("bufferedAmount", func(c *conn) goja.Value { return vm.ToValue(c.t.Buffered()) })
	getter("messages", func(c *conn) goja.Value { return c.records(&c.history) })
	getter("sent", func(c *conn) goja.Value { return c.records(&c.sent) })
	return o
}

// headersObject is h as scripts see it in conn.headers, req.headers and a refused handshake's
// error.headers: lower-case keys, repeated headers joined with ", " as fetch does.
func (m *Module) headersObject(h http.Header) *goja.Object {
	o := m.vm.NewObject()
	for k, vs := range h {
		v := vs[0]
		for _, x := range vs[1:] {
			v += ", " + x
		}
		_ = o.Set(lower(k), v)
	}
	return o
}

func lower(s string) string {
	b := []byte(s)
	for i, ch := range b {
		if 'A' <= ch && ch <= 'Z' {
			b[i] = ch + 'a' - 'A'
		}
	}
	return string(b)
}

// records renders a ring as [{ data, type, text?, at }], oldest first.
func (c *conn) records(r *ring) goja.Value {
	vm := c.m.vm
	all := r.all()
	items := make([]any, len(all))
	for i, rec := range all {
		o := vm.NewObject()
		_ = o.Set("data", rec.peek())
		if rec.binary {
			_ = o.Set("type", "binary")
		} else {
			_ = o.Set("type", "text")
			_ = o.Set("text", rec.text)
		}
		_ = o.Set("at", rec.at.UnixMilli())
		items[i] = o
	}
	return vm.NewArray(items...)
}

// send writes data: a string as text, bytes as binary, anything else as JSON text. It throws
// when the connection is closed.
func (c *conn) send(data goja.Value) {
	if c.closed || c.released {
		panic(c.m.newError("Error", fmt.Sprintf("%s: cannot send: the connection %s", c.set.name, c.closedText()), c.m.callSite()))
	}
	rec := &record{data: data, at: time.Now()}
	var err error
	if s, ok := data.(goja.String); ok { // not Export: it builds a Go map for every object
		rec.text = s.String()
		err = c.t.Send(transport.Text, []byte(rec.text))
	} else if b, ok := c.m.binaryOf(data); ok {
		rec.binary = true
		err = c.t.Send(transport.Binary, append([]byte(nil), b...))
	} else {
		text, jerr := c.m.stringify(data)
		if je, ok := jerr.(*eventloop.JSError); ok {
			panic(je.Value)
		} else if jerr != nil {
			panic(jerr) // a *goja.Exception from JSON.stringify, rethrown as is
		}
		rec.text = text
		err = c.t.Send(transport.Text, []byte(text))
	}
	if full := (*transport.BufferFullError)(nil); errors.As(err, &full) {
		panic(c.m.newError("Error", fmt.Sprintf("%s: cannot send %s: %s sent earlier still wait to be written to the socket, and maxBuffered is %s; the peer is not reading, or not fast enough. Wait for conn.bufferedAmount to drop, or raise maxBuffered in the options of %s",
			c.set.name, byteSize(full.Size), byteSize(full.Buffered), byteSize(full.Max), c.openedBy()), c.m.callSite()))
	}
	if err != nil {
		// The peer's close is on its way but not yet delivered to the script: like a browser's
		// WebSocket in the CLOSING state, drop the frame rather than throw.
		c.note(fmt.Sprintf("not sent, the connection is closing: %s", shorten(rec.text, 80)))
		return
	}
	c.sent.push(rec)
	e := TranscriptEntry{Conn: c.set.name, Server: c.set.server, Dir: Sent, At: rec.at, Binary: rec.binary, Text: rec.text}
	if rec.binary {
		e.Data, _ = c.m.binaryOf(data)
	}
	c.m.transcribe(e)
}

// closeMethod starts the closing handshake and resolves with the peer's code and reason.
func (c *conn) closeMethod(codeV, reasonV goja.Value) *goja.Promise {
	p, resolve, _ := c.m.vm.NewPromise()
	if c.closed {
		_ = resolve(c.closeInfo())
		return p
	}
	code := 1000
	if codeV != nil && !goja.IsUndefined(codeV) {
		code = int(codeV.ToInteger())
	}
	reason := ""
	if reasonV != nil && !goja.IsUndefined(reasonV) {
		reason = reasonV.String()
	}
	c.onClosed = append(c.onClosed, func() { _ = resolve(c.closeInfo()) })
	c.t.Close(code, reason)
	return p
}

type pingWait struct {
	c       *conn
	payload string
	start   time.Time
	site    callSite
	resolve func(any) error
	reject  func(any) error
	pending eventloop.Wait
}

// WaitLabel names the call for the message of a test that did not await it.
func (pw *pingWait) WaitLabel() string { return pw.c.set.name + ".ping()" }

// WaitSite is where the script called ping.
func (pw *pingWait) WaitSite() []goja.StackFrame { return pw.site }

// CancelWait forgets a ping its test left pending; its pong, if any, settles nothing.
func (pw *pingWait) CancelWait() { pw.c.dropPing(pw) }

// dropPing forgets pw: it got its pong, or its test is over.
func (c *conn) dropPing(pw *pingWait) {
	pw.pending.Done()
	for i, x := range c.pings {
		if x == pw {
			c.pings = append(c.pings[:i], c.pings[i+1:]...)
			return
		}
	}
}

// ping sends a ping and resolves with the round-trip time in ms when its pong arrives.
// It throws for a payload that is neither a string nor bytes, or longer than a control frame
// holds.
func (c *conn) ping(payloadV goja.Value) *goja.Promise {
	var payload string
	if b, isBytes := c.m.binaryOf(payloadV); isBytes {
		payload = string(b)
	} else if goja.IsString(payloadV) {
		payload = payloadV.String()
	} else if !goja.IsUndefined(payloadV) {
		argcheck.Throw(c.m.vm, "ping: payload must be a string or bytes, got %s", argcheck.Describe(payloadV))
	}
	if len(payload) > maxPingPayload {
		argcheck.Throw(c.m.vm, "ping: payload must be at most %d bytes (a control frame holds 125), got %d", maxPingPayload, len(payload))
	}
	p, resolve, reject := c.m.vm.NewPromise()
	c.pingSeq++
	if goja.IsUndefined(payloadV) {
		payload = fmt.Sprintf("wsrun-ping-%d", c.pingSeq)
	}
	pw := &pingWait{c: c, payload: payload, start: time.Now(), site: c.m.callSite(), resolve: resolve, reject: reject}
	if c.closed {
		_ = reject(c.m.newError("Error", fmt.Sprintf("%s: cannot ping: the connection %s", c.set.name, c.closedText()), pw.site))
		return p
	}
	if err := c.t.Ping([]byte(payload)); err != nil {
		_ = reject(c.m.newError("Error", fmt.Sprintf("%s: cannot ping: %v", c.set.name, err), pw.site))
		return p
	}
	c.pings = append(c.pings, pw)
	c.m.loop.StartWait(&pw.pending, pw)
	return p
}

// pong settles the ping whose payload came back.
func (c *conn) pong(payload []byte) {
	for _, pw := range c.pings {
		if pw.payload == string(payload) {
			c.dropPing(pw)
			_ = pw.resolve(float64(time.Since(pw.start).Microseconds()) / 1000)
			return
		}
	}
}

// openedBy names the call whose options configure the connection.
func (c *conn) openedBy() string {
	if c.set.server {
		return "ws.serve"
	}
	return "ws.connect"
}

// byteSize writes n bytes for people: "1 MiB (1048576 bytes)".
func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.4g MiB (%d bytes)", float64(n)/(1<<20), n)
	case n >= 1<<10:
		return fmt.Sprintf("%.4g KiB (%d bytes)", float64(n)/(1<<10), n)
	}
	return fmt.Sprintf("%d bytes", n)
}
