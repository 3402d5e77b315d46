// Package timers provides setTimeout, setInterval, their clear functions, queueMicrotask and
// sleep on top of the event loop. Every function runs on the loop goroutine; one Go timer per
// VM hands the due callbacks back to the loop as tasks, in deadline order.
package timers

import (
	"container/heap"
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/runtime/eventloop"
)

// Timers is the state of one VM's timers. Loop goroutine only, but for the schedule.
//
// Every timer, sleep included, waits in one schedule with one Go timer for the earliest, so
// that callbacks run in the order of their deadlines (and of their creation for equal ones),
// as in browsers and Node. A Go timer per callback would not: when several are overdue at
// once, as on a loaded machine, the goroutines that run their callbacks start in any order.
type Timers struct {
	loop   *eventloop.Loop
	nextID int64
	active map[int64]*timer // by the id setTimeout and setInterval return, for clear*

	mu      sync.Mutex // the schedule, which the Go timer's goroutine reads too
	pending timerHeap  // armed timers, earliest first
	seq     uint64     // creation order, for equal deadlines
	now     time.Time  // the latest clock reading: deadlines never go back, even if the clock does
	wake    *time.Timer
	armed   time.Time // when wake fires; zero when it is not armed
}

type timer struct {
	id     int64 // 0 for sleep
	src    *eventloop.Source
	delay  time.Duration
	repeat bool
	run    func() error // the callback, on the loop

	due   time.Time
	seq   uint64
	index int // in pending; -1 when not armed
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
	tm := t.newTimer(label, delay(call.Argument(1)), func() error {
		_, err := fn(goja.Undefined(), args...)
		return err
	})
	tm.id, tm.repeat = t.nextID, repeat
	t.active[tm.id] = tm
	t.schedule(tm)
	return vm.ToValue(tm.id)
}

// newTimer makes a timer whose source, reserved under label, unschedules it when it closes:
// cleared, fired for the last time, or dropped with its test's scope.
func (t *Timers) newTimer(label string, d time.Duration, run func() error) *timer {
	tm := &timer{delay: d, run: run, index: -1}
	tm.src = t.loop.Reserve(label, func() { t.unschedule(tm) })
	return tm
}

// schedule arms tm to fire after its delay from now.
func (t *Timers) schedule(tm *timer) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.seq++
	if now := time.Now(); now.After(t.now) {
		t.now = now
	}
	tm.due, tm.seq = t.now.Add(tm.delay), t.seq
	heap.Push(&t.pending, tm)
	if t.armed.IsZero() || tm.due.Before(t.armed) {
		t.arm(tm.due)
	}
}

// unschedule disarms tm, if it is armed. Any goroutine that closes its source.
func (t *Timers) unschedule(tm *timer) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if tm.index < 0 {
		return
	}
	heap.Remove(&t.pending, tm.index)
	if t.armed.IsZero() && len(t.pending) > 0 {
		t.arm(t.pending[0].due) // a firing was on its way through tm's source, which may drop it
	}
}

// arm sets the Go timer for at. t.mu must be held.
func (t *Timers) arm(at time.Time) {
	t.armed = at
	if t.wake == nil {
		t.wake = time.AfterFunc(time.Until(at), t.fire)
		return
	}
	t.wake.Reset(time.Until(at))
}

// fire runs on the Go timer's goroutine: it hands runDue to the loop through the source of
// the earliest timer, which is open while that timer is armed.
func (t *Timers) fire() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.armed = time.Time{}
	if len(t.pending) == 0 {
		return
	}
	if first := t.pending[0]; time.Now().Before(first.due) {
		t.arm(first.due) // armed for a timer that was cleared since
	} else if !first.src.Post(t.runDue) {
		t.arm(first.due.Add(time.Millisecond)) // its source is closing: unschedule will follow
	}
}

// runDue runs, in order, the callbacks of the timers that were due and armed when it started;
// timers they start wait for a later task, as in browsers. Loop goroutine.
func (t *Timers) runDue() error {
	now := time.Now()
	t.mu.Lock()
	last := t.seq
	t.mu.Unlock()
	defer t.rearm()
	for {
		t.mu.Lock()
		if len(t.pending) == 0 || t.pending[0].due.After(now) || t.pending[0].seq > last {
			t.mu.Unlock()
			return nil
		}
		tm := heap.Pop(&t.pending).(*timer)
		t.mu.Unlock()
		if err := t.runOne(tm); err != nil {
			return err
		}
	}
}

// runOne runs tm's callback. A timeout or a sleep is then done; an interval is armed again
// after its callback, as browsers do, unless the callback cleared it.
func (t *Timers) runOne(tm *timer) error {
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

// rearm sets the Go timer for the earliest armed timer after runDue, which may have left
// some that are already due.
func (t *Timers) rearm() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.pending) > 0 && (t.armed.IsZero() || t.pending[0].due.Before(t.armed)) {
		t.arm(t.pending[0].due)
	}
}

// timerHeap is a container/heap of timers by deadline, then creation.
type timerHeap []*timer

func (h timerHeap) Len() int { return len(h) }
func (h timerHeap) Less(i, j int) bool {
	if !h[i].due.Equal(h[j].due) {
		return h[i].due.Before(h[j].due)
	}
	return h[i].seq < h[j].seq
}
func (h timerHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index, h[j].index = i, j
}

func (h *timerHeap) Push(x any) {
	tm := x.(*timer)
	tm.index = len(*h)
	*h = append(*h, tm)
}

func (h *timerHeap) Pop() any {
	old := *h
	tm := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	tm.index = -1
	return tm
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
	p, resolve, _ := t.loop.VM().NewPromise()
	t.schedule(t.newTimer(fmt.Sprintf("sleep(%v)", ms), delay(ms), func() error { return resolve(goja.Undefined()) }))
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
