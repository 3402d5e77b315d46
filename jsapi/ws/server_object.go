package ws

import (
	"fmt"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/argcheck"
)

// object builds the Server object scripts see.
func (s *server) object() *goja.Object {
	vm := s.m.vm
	o := vm.NewObject()
	_ = o.DefineDataProperty("url", vm.ToValue(s.t.URL()), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	_ = o.DefineDataProperty("port", vm.ToValue(s.t.Port()), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	_ = o.DefineAccessorProperty("connections", vm.ToValue(func() goja.Value {
		var open []any
		for _, c := range s.conns {
			if !c.closed && !c.released && !c.t.Closed() {
				open = append(open, c.obj)
			}
		}
		return vm.NewArray(open...)
	}), nil, goja.FLAG_FALSE, goja.FLAG_TRUE)
	_ = o.Set("expectConnection", func(call goja.FunctionCall) goja.Value {
		expectConnectionOptions.Check(vm, call.Argument(0))
		return vm.ToValue(s.expectConnection(call.Argument(0)))
	})
	_ = o.Set("broadcast", func(call goja.FunctionCall) goja.Value {
		s.m.needData("broadcast", call.Argument(0))
		s.broadcast(call.Argument(0))
		return goja.Undefined()
	})
	_ = o.Set("close", func(call goja.FunctionCall) goja.Value {
		if len(call.Arguments) > 0 {
			argcheck.Throw(vm, "server.close() takes no arguments: it closes every connection with 1001; to close one with a code, call conn.close(code, reason)")
		}
		return vm.ToValue(s.close())
	})
	return o
}

// expectConnection resolves with the next connection no earlier call has returned.
func (s *server) expectConnection(opts goja.Value) *goja.Promise {
	timeout := waitTimeout(opts, "timeout", s.m.opts.ExpectTimeout)
	sig := s.m.signal("expectConnection", opts)
	w, p := s.m.newWaiter(s.name, nil, waitOne, "expectConnection", nil, timeout)
	if w.abortOn(sig) {
		return p
	}
	if len(s.unclaimed) > 0 {
		c := s.unclaimed[0]
		s.unclaimed = s.unclaimed[1:]
		w.succeed(c.obj)
		return p
	}
	if s.closed {
		w.fail(s.closedText())
		return p
	}
	s.waiting = append(s.waiting, w)
	forget := func() {
		for i, x := range s.waiting {
			if x == w {
				s.waiting = append(s.waiting[:i], s.waiting[i+1:]...)
				break
			}
		}
	}
	w.cancelled = forget // the next client goes to a later call, not to a test that is over
	w.onTimeout = func() {
		forget()
		w.fail(fmt.Sprintf("%s: expectConnection timed out after %dms: no client connected to %s", s.name, timeout.Milliseconds(), s.t.URL()))
	}
	w.schedule()
	return p
}

// closedText is why an expectConnection fails once the server is closed.
func (s *server) closedText() string {
	return fmt.Sprintf("%s: expectConnection failed: server.close() was called, so no client will connect to %s", s.name, s.t.URL())
}

// broadcast sends data to every open connection.
func (s *server) broadcast(data goja.Value) {
	for _, c := range s.conns {
		if !c.closed && !c.released && !c.t.Closed() {
			c.send(data)
		}
	}
}

// close stops listening and closes every connection with 1001; it resolves when done.
func (s *server) close() *goja.Promise {
	p, resolve, _ := s.m.loop.Promise("ws.serve close " + s.t.URL())
	s.src.Release() // no new connections are handed to the script
	s.closed = true
	// A pending expectConnection would wait out its timeout, to say "no client connected".
	waiting := s.waiting
	s.waiting = nil
	for _, w := range waiting {
		w.fail(s.closedText())
	}
	go func() {
		s.t.Close(1001, "server closed")
		resolve(goja.Undefined())
	}()
	return p
}
