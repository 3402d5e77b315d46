// Package timers provides setTimeout, setInterval, their clear functions, queueMicrotask and
// sleep on top of the event loop. Every function runs on the loop goroutine; the Go timers
// behind them hand their callbacks back to the loop as tasks.
package timers

import (
	"fmt"
	"math"
	"sync/atomic"
	"time"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/runtime/eventloop"
)

// Timers is the state of one VM's timers. Loop goroutine only.
type Timers struct {
	loop   *eventloop.Loop
	nextID int64
	active map[int64]*timer
}

type timer struct {
	src   *eventloop.Source
	t     atomic.Pointer[time.Timer] // read by Close on the timer's own goroutine
	fn    goja.Callable
	args  []goja.Value
	delay time.Duration
}

// Install sets the timer globals on the loop's VM and returns the state, whose Exports go
// into the "wsrun" module. Loop goroutine only.
func Install(loop *eventloop.Loop) *Timers {
	t := &Timers{loop: loop, active: map[int64]*timer{}}
	vm := loop.VM()
	for name, fn := range t.Exports() {
		_ = vm.Set(name, fn)
	}
	return t
}

// Exports returns the functions by their global names. Loop goroutine only.
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

func delay(v goja.Value) time.Duration {
	if v == nil || goja.IsUndefined(v) {
		return 0
	}
	ms := v.ToFloat()
	if math.IsNaN(ms) || ms < 0 {
		ms = 0
	}
	return time.Duration(ms * float64(time.Millisecond))
}

func (t *Timers) start(call goja.FunctionCall, label string, repeat bool) goja.Value {
	vm := t.loop.VM()
	fn, ok := goja.AssertFunction(call.Argument(0))
	if !ok {
		panic(vm.NewTypeError("%s: the first argument must be a function, got %s", label, call.Argument(0)))
	}
	var args []goja.Value
	if len(call.Arguments) > 2 {
		args = append(args, call.Arguments[2:]...)
	}
	t.nextID++
	id := t.nextID
	tm := &timer{fn: fn, args: args, delay: delay(call.Argument(1))}
	tm.src = t.loop.Reserve(label, func() {
		if t := tm.t.Load(); t != nil {
			t.Stop()
		}
	})
	t.active[id] = tm
	t.arm(id, tm, repeat)
	return vm.ToValue(id)
}

// arm schedules the next firing; an interval re-arms after its callback ran, as browsers do.
func (t *Timers) arm(id int64, tm *timer, repeat bool) {
	fire := func() error {
		if !repeat {
			delete(t.active, id)
		}
		_, err := tm.fn(goja.Undefined(), tm.args...)
		if repeat && !tm.src.Closed() {
			t.arm(id, tm, repeat)
		}
		return err
	}
	tm.t.Store(time.AfterFunc(tm.delay, func() {
		if repeat {
			tm.src.Post(fire)
		} else {
			tm.src.Settle(fire)
		}
	}))
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

func (t *Timers) sleep(ms goja.Value) *goja.Promise {
	p, resolve, _ := t.loop.Promise(fmt.Sprintf("sleep(%v)", ms))
	time.AfterFunc(delay(ms), func() { resolve(goja.Undefined()) })
	return p
}

// queueMicrotask runs fn as a promise reaction; an exception fails the running test the way
// one thrown from a timer callback does, rather than surfacing as an unhandled rejection.
func (t *Timers) queueMicrotask(fn goja.Callable) {
	vm := t.loop.VM()
	p, resolve, _ := vm.NewPromise()
	then, _ := goja.AssertFunction(vm.ToValue(p).ToObject(vm).Get("then"))
	_, _ = then(vm.ToValue(p), vm.ToValue(func() {
		if _, err := fn(goja.Undefined()); err != nil {
			t.loop.Fail(err)
		}
	}))
	_ = resolve(goja.Undefined())
}
