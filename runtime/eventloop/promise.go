package eventloop

import (
	"fmt"

	"github.com/dop251/goja"
)

// Promise creates a promise that Go work settles later, and reserves the loop until then.
// resolve and reject may be called from any goroutine; only the first call counts. A Go error
// given to reject becomes a JS Error with the same message; any other value goes through
// vm.ToValue on the loop goroutine.
func (l *Loop) Promise(label string) (p *goja.Promise, resolve, reject func(v any)) {
	l.MustOwn()
	p, res, rej := l.vm.NewPromise()
	src := l.Reserve(label, nil)
	resolve = func(v any) {
		src.Settle(func() error { return res(l.value(v)) })
	}
	reject = func(v any) {
		src.Settle(func() error { return rej(l.value(v)) })
	}
	return p, resolve, reject
}

// value turns a Go value into a JS value; errors become JS Error objects.
func (l *Loop) value(v any) goja.Value {
	switch v := v.(type) {
	case goja.Value:
		return v
	case func() goja.Value: // built lazily, on the loop goroutine
		return v()
	case error:
		return l.NewError(v.Error())
	default:
		return l.vm.ToValue(v)
	}
}

// NewError makes a plain JS Error with message msg.
func (l *Loop) NewError(msg string) *goja.Object {
	l.MustOwn()
	ctor := l.vm.Get("Error")
	obj, err := l.vm.New(ctor, l.vm.ToValue(msg))
	if err != nil { // only if a script replaced Error with something odd
		return l.vm.NewGoError(fmt.Errorf("%s", msg))
	}
	return obj
}

// trackRejection keeps the promises rejected while no handler was attached; exec checks them
// once the task and its microtasks are done, as Node does.
func (l *Loop) trackRejection(p *goja.Promise, op goja.PromiseRejectionOperation) {
	switch op {
	case goja.PromiseRejectionReject:
		l.unhandled = append(l.unhandled, p)
	case goja.PromiseRejectionHandle:
		for i, q := range l.unhandled {
			if q == p {
				l.unhandled = append(l.unhandled[:i], l.unhandled[i+1:]...)
				break
			}
		}
	}
}

// UnhandledRejection is the error Run returns when a promise was rejected and no handler was
// attached by the end of the task that rejected it.
type UnhandledRejection struct {
	Reason goja.Value
}

func (e *UnhandledRejection) Error() string {
	return fmt.Sprintf("unhandled promise rejection: %s", e.Reason)
}

func (l *Loop) checkUnhandled() error {
	if len(l.unhandled) == 0 {
		return nil
	}
	p := l.unhandled[0]
	l.unhandled = l.unhandled[:0]
	return &UnhandledRejection{Reason: p.Result()}
}

// JSError carries a JS value (usually an Error object) as a Go error, for a task that fails
// with an error it built rather than one a script threw.
type JSError struct {
	Value goja.Value
}

// Error describes the value; a String method that panics (a Proxy's trap, a throwing
// toString) gives a placeholder instead of a crash.
func (e *JSError) Error() string { return panicText(e.Value) }
