package web

import (
	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/argcheck"
)

// signalKey is the symbol under which every AbortSignal of every VM keeps its hidden state, an
// object { aborted(), reason(), add(fn) → remove }. A goja Symbol is an immutable value, so
// one serves all VMs, as goja's own well-known symbols do.
var signalKey = goja.NewSymbol("wsrun.AbortSignal")

// Signal is an AbortSignal as Go code sees it. Its methods are for the loop goroutine.
type Signal struct {
	vm    *goja.Runtime
	state *goja.Object
}

// SignalOf returns the AbortSignal that fn got as its signal option; nil for undefined or null.
// Anything else throws a TypeError, as a browser's fetch does.
func SignalOf(vm *goja.Runtime, fn string, v goja.Value) *Signal {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil
	}
	if o, ok := v.(*goja.Object); ok {
		if st, ok := o.GetSymbol(signalKey).(*goja.Object); ok {
			return &Signal{vm: vm, state: st}
		}
	}
	argcheck.Throw(vm, "%s: option signal must be an AbortSignal (new AbortController().signal, AbortSignal.timeout(ms)), got %s",
		fn, argcheck.Describe(v))
	return nil
}

func (s *Signal) call(name string, args ...goja.Value) goja.Value {
	fn, _ := goja.AssertFunction(s.state.Get(name))
	v, err := fn(goja.Undefined(), args...)
	if err != nil {
		panic(err)
	}
	return v
}

// Aborted reports whether the signal has aborted.
func (s *Signal) Aborted() bool { return s.call("aborted").ToBoolean() }

// Reason is why the signal aborted: abort()'s argument, or an AbortError or TimeoutError
// DOMException; undefined while it has not.
func (s *Signal) Reason() goja.Value { return s.call("reason") }

// OnAbort runs fn with the reason when the signal aborts, before its 'abort' listeners, as the
// standard's abort algorithms run; off forgets fn. A signal that has aborted already never
// calls fn: check Aborted first.
func (s *Signal) OnAbort(fn func(reason goja.Value)) (off func()) {
	remove := s.call("add", s.vm.ToValue(func(reason goja.Value) { fn(reason) }))
	return func() {
		if rm, ok := goja.AssertFunction(remove); ok {
			_, _ = rm(goja.Undefined())
		}
	}
}
