package engine

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/argcheck"
	"github.com/wsrun/wsrun/jsapi/wsrun"
	"github.com/wsrun/wsrun/runtime/eventloop"
	"github.com/wsrun/wsrun/runtime/report"
)

// call runs a test or hook function to completion: until it returns, its promise settles or
// its done callback is called; or until the timeout. It returns nil on success.
func (f *fileRun) call(fn goja.Callable, args []goja.Value, withDone bool, timeout time.Duration, what string, decl wsrun.Pos) *report.Failure {
	prev := f.phase
	f.phase = f.phaseOf(what)
	defer func() { f.phase = prev }()
	fail := f.forgottenWaits(f.run(fn, args, withDone, timeout, what, decl), what)
	if fail != nil && fail.Location == nil && decl.File != "" {
		// Timeouts and never-settling promises have no stack: point at the declaration.
		fail.Location = &report.Location{File: displayName(decl.File), Line: decl.Line, Column: decl.Col}
		f.addCodeFrame(fail)
	}
	return fail
}

// run is call without the fallback location.
func (f *fileRun) run(fn goja.Callable, args []goja.Value, withDone bool, timeout time.Duration, what string, decl wsrun.Pos) *report.Failure {
	ctx, cancel := context.WithTimeout(f.hookParent(), timeout)
	defer cancel()
	settled, over := false, false
	var result goja.Value // the rejection reason or done(err) argument
	var doneTwice error   // done() was called again before the call ended
	finish := func(reason goja.Value) {
		// over: a test that timed out can still settle later, during its afterEach hooks'
		// Run, and must not stop that one.
		if !settled && !over {
			settled, result = true, reason
			f.loop.Stop()
		}
	}
	self := f.running
	fromStart := false // the function itself threw, which is never a late error
	start := func() error {
		if withDone {
			args = append(append([]goja.Value(nil), args...), f.vm.ToValue(func(call goja.FunctionCall) goja.Value {
				arg := call.Argument(0)
				if goja.IsUndefined(arg) || goja.IsNull(arg) {
					arg = nil
				}
				if over { // after the call ended: a late error, never dropped (late.go)
					if arg != nil || settled {
						f.lateDone(self, what, decl, arg)
					}
					return goja.Undefined()
				}
				if settled && !over && doneTwice == nil {
					// As Jest: a second call is a mistake, and an error it passes must
					// not vanish because the first call already ended the test.
					msg := what + " called done() more than once"
					if arg != nil {
						msg += "; a later call passed: " + f.failureOfValue(arg).Message
					}
					doneTwice = errors.New(msg)
				}
				finish(arg)
				return goja.Undefined()
			}))
		}
		v, err := fn(goja.Undefined(), args...)
		if err != nil {
			return err
		}
		p, ok := asPromise(v)
		if withDone {
			if ok || f.isThenable(v) {
				// An async function's promise settles at its first await's end, not when
				// done is called: following it would pass a test whose checks never ran.
				return fmt.Errorf("%s takes a done callback and also returned a promise; "+
					"use one or the other (drop the done parameter, or make the function not async)", what)
			}
			return nil
		}
		if !ok {
			if obj, isObj := v.(*goja.Object); isObj {
				// A thenable that is no native promise: follow it as await would,
				// rather than passing before it settles.
				np, resolve, _ := f.vm.NewPromise()
				if err := resolve(obj); err != nil { // a then that throws rejects np
					return err
				}
				p, ok = np, true
			}
		}
		if ok {
			f.await(p, finish)
		} else {
			finish(nil)
		}
		return nil
	}
	err := f.loop.Run(ctx, func() error {
		err := start()
		fromStart = err != nil
		return err
	})
	// A callback or promise an earlier test left behind may throw while this call runs: it
	// is recorded as late (late.go), and this call goes on.
	var own *report.Failure // err described, when it is no late error
	for err != nil && !fromStart {
		var late bool
		if own, late = f.lateRunError(err); !late {
			break
		}
		err = nil
		if settled {
			break
		}
		err = f.loop.Run(ctx, nil)
	}
	over = true
	switch {
	case doneTwice != nil:
		fail := f.failureOf(doneTwice)
		return &fail
	case err != nil && own != nil:
		return own
	case err != nil:
		fail := f.failureOf(f.timeoutError(err, what, timeout))
		return &fail
	case !settled:
		fail := report.Failure{Message: fmt.Sprintf(
			"%s never finished: it returned a promise that nothing can settle any more "+
				"(no timer, connection or request is pending, so waiting for the %dms timeout would not help)",
			what, timeout.Milliseconds())}
		if withDone {
			fail.Message = fmt.Sprintf("%s never called done(): nothing is pending that could call it any more", what)
		}
		return &fail
	case result != nil:
		fail := f.failureOfValue(result)
		f.addCodeFrame(&fail)
		return &fail
	}
	return nil
}

// await calls finish when p settles: with nil when fulfilled, with the reason when rejected.
func (f *fileRun) await(p *goja.Promise, finish func(goja.Value)) {
	switch p.State() {
	case goja.PromiseStateFulfilled:
		finish(nil)
		return
	case goja.PromiseStateRejected:
		finish(p.Result())
	}
	then, _ := goja.AssertFunction(f.vm.ToValue(p).ToObject(f.vm).Get("then"))
	_, _ = then(f.vm.ToValue(p),
		f.vm.ToValue(func(goja.Value) { finish(nil) }),
		f.vm.ToValue(func(reason goja.Value) { finish(reason) }))
}

// isThenable reports whether v is an object with a callable then. A then getter that throws
// counts as no.
func (f *fileRun) isThenable(v goja.Value) bool {
	obj, ok := v.(*goja.Object)
	if !ok {
		return false
	}
	thenable := false
	_ = f.vm.Try(func() {
		_, thenable = goja.AssertFunction(obj.Get("then"))
	})
	return thenable
}

// asPromise returns v as a native promise (argcheck.Promise: Export of any other object runs
// its getters, and a promise's ClassName is "Object", so testing that never saw one).
func asPromise(v goja.Value) (*goja.Promise, bool) { return argcheck.Promise(v) }

// timeoutError rewrites a context error into the message a user sees, saying what was still
// pending, or that a script that was still running was interrupted. The VM stays usable after
// an interrupt (the loop resets it), except after --max-memory: what the test allocated may
// still be held, so the VM is marked broken and runs no more JavaScript.
func (f *fileRun) timeoutError(err error, what string, timeout time.Duration) error {
	if _, thrown := err.(*goja.Exception); thrown { // errors.Is would run goja's Unwrap on it
		return err
	}
	var mem *memoryError
	var ie *eventloop.InterruptError
	interrupted := errors.As(err, &ie)
	switch {
	case errors.As(err, &mem): // what it allocated may still be held: no more JS in this VM
		f.broken = fmt.Sprintf("%s used more than %s", what, formatMiB(mem.limit))
		f.brokenReason = fmt.Sprintf("not run: an earlier %s used more than %s (--max-memory), which this file may still hold", what, formatMiB(mem.limit))
		return errors.New(mem.message(what))
	case interrupted && errors.Is(err, context.DeadlineExceeded):
		return &stoppedAt{fmt.Errorf("%s timed out after %dms while its script was still running (an endless loop?); "+
			"the script was interrupted", what, timeout.Milliseconds()), ie.Stack}
	case errors.Is(err, context.DeadlineExceeded):
		msg := fmt.Sprintf("%s timed out after %dms", what, timeout.Milliseconds())
		if p := f.loop.Pending(); p != "" {
			msg += "; still waiting on " + p
		}
		return errors.New(msg)
	case errors.Is(err, context.Canceled):
		return fmt.Errorf("%s was stopped: the run was interrupted", what)
	case interrupted: // a context ended with a cause of its own
		return &stoppedAt{fmt.Errorf("%s was interrupted: %w", what, ie.Cause), ie.Stack}
	}
	return err
}

// stoppedAt is a failure message for a script that was interrupted, and where it was then.
type stoppedAt struct {
	error
	stack []goja.StackFrame
}
