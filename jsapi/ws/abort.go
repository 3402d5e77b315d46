package ws

import (
	"fmt"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/web"
)

// Every wait (expect*, request, expectConnection, an inbox's waits) and ws.connect take
// { signal }: an AbortSignal that rejects them when it aborts, at once if it has already.
// fetch rejects with the signal's reason itself, as browsers do; a wait is an assertion, so
// it rejects with an Error that says what was awaited and what came instead, as its timeout
// does, named after the reason (AbortError, TimeoutError) and with the reason as its cause.

// signal returns the AbortSignal of fn's options (checked by argcheck), or nil. Call it
// before the wait exists: a value that is not a signal throws.
func (m *Module) signal(fn string, opts goja.Value) *web.Signal {
	return web.SignalOf(m.vm, fn, optGet(asObject(opts), "signal"))
}

// abortOn makes w reject when sig aborts. It reports whether sig has aborted already: w has
// failed then, and the caller returns its promise without looking at what arrived.
func (w *waiter) abortOn(sig *web.Signal) bool {
	if sig == nil {
		return false
	}
	if sig.Aborted() {
		w.abort(sig.Reason())
		return true
	}
	w.unsignal = sig.OnAbort(w.abort)
	return false
}

// abort rejects w because its signal aborted with reason.
func (w *waiter) abort(reason goja.Value) {
	if w.done {
		return
	}
	tail := ""
	switch {
	case w.box != nil:
		tail = w.box.unconsumed(w)
	case w.c != nil && w.kind == waitAll:
		tail = w.c.unconsumed(w.firstMissing())
	case w.c != nil && w.kind != waitClose:
		tail = w.c.unconsumed(first(w.patterns))
	}
	if w.cancelled != nil { // expectConnection: the next client goes to a later call
		w.cancelled()
	}
	w.finish("aborted")
	_ = w.reject(w.m.abortError(w.WaitLabel(), reason, tail, w.site))
}

// abortError is what an aborted wait or connect rejects with: a TimeoutError "alice.expect({…})
// was aborted: signal timed out; 2 unconsumed messages: …".
func (m *Module) abortError(what string, reason goja.Value, tail string, site callSite) *goja.Object {
	name, why := "AbortError", reason.String()
	if o, ok := reason.(*goja.Object); ok {
		if n := o.Get("name"); n != nil && goja.IsString(n) && n.String() != "" {
			name = n.String()
		}
		if msg := o.Get("message"); msg != nil && goja.IsString(msg) {
			why = msg.String() // the name is the error's own: "TimeoutError: … was aborted: signal timed out"
		}
	}
	e := m.newError(name, fmt.Sprintf("%s was aborted: %s%s", what, why, tail), site)
	_ = e.Set("cause", reason)
	return e
}
