// Package timers provides setTimeout, setInterval, their clear functions, queueMicrotask and
// sleep on top of the event loop. Every function runs on the loop goroutine; the callbacks are
// the loop's alarms.
package timers

import (
	"fmt"
	"math"
	"time"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/argcheck"
	"github.com/wsrun/wsrun/jsapi/modules"
	"github.com/wsrun/wsrun/jsapi/web"
	"github.com/wsrun/wsrun/runtime/eventloop"
)

// Timers is the state of one VM's timers. Their callbacks are the loop's
// alarms (eventloop.Loop.After), so they run in the order of their deadlines, then of their
// creation, sleep included, as in browsers and Node.
type Timers struct {
	loop   *eventloop.Loop
	nextID int64
	active map[int64]*timer // by the id setTimeout and setInterval return, for clear*
}

type timer struct {
	id     int64 // 0 for sleep
	src    *eventloop.Source
	delay  time.Duration
	repeat bool
	run    func() error // the callback
}

// Module is the timers of one VM: setTimeout, setInterval, their clear functions,
// queueMicrotask and sleep, which the engine makes globals and exports of "wsrun".
type Module struct{}

// Instantiate returns the timer functions as the module's exports.
func (Module) Instantiate(vu modules.VU) (goja.Value, error) {
	exports := vu.VM().NewObject()
	for name, fn := range newTimers(vu.Loop()).Exports() {
		_ = exports.Set(name, fn)
	}
	return exports, nil
}

func newTimers(loop *eventloop.Loop) *Timers {
	return &Timers{loop: loop, active: map[int64]*timer{}}
}

// Exports returns the functions by their global names.
func (t *Timers) Exports() map[string]any {
	return map[string]any{
		"setTimeout":     t.setTimeout,
		"setInterval":    t.setInterval,
		"clearTimeout":   t.clear,
		"clearInterval":  t.clear,
		"queueMicrotask": t.queueMicrotask,
		"sleep":          t.sleep,
	}
}

// maxTimerDelay is the longest delay of setTimeout and setInterval, as in browsers and Node:
// past it (a 32-bit overflow there) the callback runs after 1 ms, as in Node.
const maxTimerDelay = math.MaxInt32

// timerDelay is the delay of setTimeout and setInterval: not a number, or negative, is 0.
func timerDelay(v goja.Value) time.Duration {
	if v == nil || goja.IsUndefined(v) {
		return 0
	}
	ms := v.ToFloat()
	if ms > maxTimerDelay {
		ms = 1
	}
	return argcheck.Millis(ms)
}

func (t *Timers) start(call goja.FunctionCall, label string, repeat bool) goja.Value {
	vm := t.loop.VM()
	fn, ok := goja.AssertFunction(call.Argument(0))
	if !ok {
		argcheck.Throw(vm, "%s: callback must be a function, got %s", label, argcheck.Describe(call.Argument(0)))
	}
	var args []goja.Value
	if len(call.Arguments) > 2 {
		args = append(args, call.Arguments[2:]...)
	}
	t.nextID++
	tm := t.newTimer(label, timerDelay(call.Argument(1)), func() error {
		_, err := fn(goja.Undefined(), args...)
		return err
	})
	tm.id, tm.repeat = t.nextID, repeat
	t.active[tm.id] = tm
	t.schedule(tm)
	return vm.ToValue(tm.id)
}

// newTimer makes a timer whose source, reserved under label, forgets its id when it closes:
// cleared, fired for the last time, or dropped with its test's scope. All of those happen on
// the loop goroutine. Closing the source stops its alarm too (the loop does that).
func (t *Timers) newTimer(label string, d time.Duration, run func() error) *timer {
	tm := &timer{delay: d, run: run}
	tm.src = t.loop.Reserve(label, func() {
		if tm.id != 0 {
			delete(t.active, tm.id)
		}
	})
	return tm
}

// schedule sets an alarm for tm's delay from now; closing tm.src stops it.
func (t *Timers) schedule(tm *timer) {
	t.loop.After(tm.src, tm.delay, func() error { return t.fire(tm) })
}

// fire runs tm's callback. A timeout or a sleep is then done; an interval is scheduled again
// after its callback, as browsers do, unless the callback cleared it.
func (t *Timers) fire(tm *timer) error {
	if !tm.repeat {
		if tm.id != 0 {
			delete(t.active, tm.id)
		}
		defer tm.src.Release()
		return tm.run()
	}
	err := tm.run()
	if !tm.src.Closed() {
		t.schedule(tm)
	}
	return err
}

func (t *Timers) setTimeout(call goja.FunctionCall) goja.Value {
	return t.start(call, "setTimeout", false)
}

func (t *Timers) setInterval(call goja.FunctionCall) goja.Value {
	return t.start(call, "setInterval", true)
}

func (t *Timers) clear(id goja.Value) {
	if id == nil || goja.IsUndefined(id) || goja.IsNull(id) {
		return
	}
	key := id.ToInteger()
	if tm, ok := t.active[key]; ok {
		delete(t.active, key)
		tm.src.Release()
	}
}

var sleepOptions = &argcheck.Options{Func: "sleep", Example: "{ signal: AbortSignal.timeout(1000) }", Keys: []argcheck.Key{
	{Name: "signal", Kind: argcheck.Signal}, // an AbortSignal, which web.SignalOf checks
}}

// sleep resolves after ms; its signal rejects it with the signal's reason, as fetch does.
func (t *Timers) sleep(ms, opts goja.Value) *goja.Promise {
	vm := t.loop.VM()
	argcheck.Need(vm, ms, argcheck.Duration, "sleep", "ms")
	var sig *web.Signal
	if o := sleepOptions.Check(vm, opts); o != nil {
		sig = web.SignalOf(vm, "sleep", o.Get("signal"))
	}
	p, resolve, reject := vm.NewPromise()
	if sig != nil && sig.Aborted() {
		_ = reject(sig.Reason())
		return p
	}
	off := func() {}
	tm := t.newTimer(fmt.Sprintf("sleep(%v)", ms), argcheck.Millis(ms.ToFloat()), func() error {
		off()
		return resolve(goja.Undefined())
	})
	if sig != nil {
		off = sig.OnAbort(func(reason goja.Value) {
			tm.src.Release() // stops the alarm
			_ = reject(reason)
		})
	}
	t.schedule(tm)
	return p
}

// queueMicrotask runs fn as a promise reaction; an exception fails the running test the way
// one thrown from a timer callback does, rather than surfacing as an unhandled rejection.
func (t *Timers) queueMicrotask(fnV goja.Value) {
	vm := t.loop.VM()
	fn, ok := goja.AssertFunction(fnV)
	if !ok {
		argcheck.Throw(vm, "queueMicrotask: callback must be a function, got %s", argcheck.Describe(fnV))
	}
	p, resolve, _ := vm.NewPromise()
	then, _ := goja.AssertFunction(vm.ToValue(p).ToObject(vm).Get("then"))
	_, _ = then(vm.ToValue(p), vm.ToValue(func() {
		if _, err := fn(goja.Undefined()); err != nil {
			t.loop.Fail(err)
		}
	}))
	_ = resolve(goja.Undefined())
}
