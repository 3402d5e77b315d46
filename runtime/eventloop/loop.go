package eventloop

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dop251/goja"
)

// Task is a unit of work run on the loop goroutine. A non-nil error fails the run.
type Task func() error

// ErrInterrupted is wrapped, together with the cause, by the error Run returns when its
// context ended while JavaScript was running and the script had to be interrupted (an
// *InterruptError), or when Abort stopped it. Run resets the VM after an interrupt, so the VM
// may run the next test.
var ErrInterrupted = errors.New("script interrupted")

// InterruptError is how Run ends when its context ended while a script was running: the
// script was interrupted. errors.Is finds ErrInterrupted and the cause in it.
type InterruptError struct {
	Cause error             // the context's cause: context.DeadlineExceeded, Canceled, or another
	Stack []goja.StackFrame // where the script was when it was stopped, innermost first
}

func (e *InterruptError) Error() string { return ErrInterrupted.Error() + ": " + e.Cause.Error() }

// Unwrap returns ErrInterrupted and the cause.
func (e *InterruptError) Unwrap() []error { return []error{ErrInterrupted, e.Cause} }

// entry is a queued task and the source that posted it; every task comes through a source.
type entry struct {
	src  *Source
	task Task
}

// Loop is an event loop that owns one goja VM.
type Loop struct {
	vm *goja.Runtime

	mu    sync.Mutex
	queue []entry // queue[head:] waits to run
	head  int
	open  map[*Source]struct{}
	wake  chan struct{} // capacity 1: "something changed"

	// owner is held by whoever may use the VM: the goroutine that calls Run, always, except
	// while Run waits for work. Then a Deliver may take it and run tasks on its own
	// goroutine, which spares the two goroutine switches of a hand-off to Run and back.
	owner  sync.Mutex
	ownerG atomic.Int64 // the goroutine that holds owner, for MustOwn; only with checkOwner

	alarms alarms // After's schedule

	// Owner only.
	ctx       context.Context // Run's, while it runs
	lentErr   error           // how tasks run by Deliver ended Run: an error, or Stop
	lentEnd   bool
	stopped   bool
	failure   error
	scopes    []*Scope
	taskScope *Scope // the scope of the source whose task runs (or ran last); nil: Run's start
	unhandled []*goja.Promise
	inJS      atomic.Bool
	seq       atomic.Uint64 // counts tasks run, so the watcher can tell a stuck task from a new one

	abort atomic.Pointer[error] // Abort's cause, until a Run returns it
}

// interruptGrace is how long a task may still run after Run's context ended before it counts
// as stuck and is interrupted. Without it, a timer callback that happens to be running at the
// deadline would be mistaken for an endless loop.
const interruptGrace = 50 * time.Millisecond

// New makes a loop that owns vm. It installs a promise rejection tracker on vm.
func New(vm *goja.Runtime) *Loop {
	l := &Loop{vm: vm, open: map[*Source]struct{}{}, wake: make(chan struct{}, 1)}
	l.owner.Lock() // released only while Run waits
	l.own()
	l.scopes = []*Scope{newScope()}
	vm.SetPromiseRejectionTracker(l.trackRejection)
	return l
}

// VM returns the loop's VM.
func (l *Loop) VM() *goja.Runtime {
	l.MustOwn()
	return l.vm
}

// Stop makes Run return once the current task is done.
func (l *Loop) Stop() {
	l.MustOwn()
	l.stopped = true
}

// Fail makes Run return err once the current task is done, unless an earlier failure is
// pending. It is how a callback that cannot return an error (a microtask, a promise reaction)
// fails the test that is running.
func (l *Loop) Fail(err error) {
	l.MustOwn()
	if l.failure == nil {
		l.failure = err
	}
}

// TaskScope returns the scope of the source whose task is running, or, after Run returned a
// task's error, of the one that failed; nil for Run's start task. The engine uses it to tell
// a test's own callbacks (its scope's) from those of something that outlives it.
func (l *Loop) TaskScope() *Scope {
	l.MustOwn()
	return l.taskScope
}

// Run runs start and then queued tasks on the calling goroutine, which is the loop goroutine
// until Run returns (except while a Deliver runs tasks, see Source.Deliver). It returns nil
// when Stop was called or when nothing is queued or reserved any more; the first error a task
// returned or Fail recorded (a Go panic in a task as a *PanicError); or, when ctx ends first,
// context.Cause(ctx), or an *InterruptError with it if a script had to be interrupted. After a
// task that was interrupted or panicked, the VM is reset so that it can run the next one.
func (l *Loop) Run(ctx context.Context, start Task) (err error) {
	l.own()
	l.stopped, l.failure = false, nil
	l.ctx, l.lentErr, l.lentEnd = ctx, nil, false
	interrupted := make(chan struct{})
	returned := make(chan struct{})
	stopWatch := context.AfterFunc(ctx, func() {
		defer close(interrupted)
		if !l.inJS.Load() {
			return
		}
		seq := l.seq.Load()
		grace := time.NewTimer(interruptGrace)
		defer grace.Stop()
		select {
		case <-grace.C:
		case <-returned:
			return
		}
		if l.inJS.Load() && l.seq.Load() == seq {
			l.vm.Interrupt(ErrInterrupted)
		}
	})
	defer func() {
		close(returned)
		if !stopWatch() {
			<-interrupted // the watcher ran: wait until it cannot arm an interrupt any more
		}
		l.vm.ClearInterrupt()
	}()

	if start != nil {
		l.taskScope = nil
		if err := l.exec(ctx, start); err != nil || l.stopped {
			return err
		}
	}
	for {
		if err := l.aborted(); err != nil {
			return err
		}
		task, ok := l.next()
		if !ok {
			if l.idle() {
				return nil
			}
			l.owner.Unlock()
			select {
			case <-l.wake:
			case <-ctx.Done():
			}
			l.owner.Lock() // waits for a Deliver that is running tasks
			if l.lentEnd {
				return l.lentErr
			}
			if ctx.Err() != nil {
				return context.Cause(ctx)
			}
			continue
		}
		if err := l.exec(ctx, task); err != nil || l.stopped {
			return err
		}
	}
}

// exec runs one task with the interrupt armed, then checks for unhandled rejections.
func (l *Loop) exec(ctx context.Context, task Task) error {
	l.seq.Add(1)
	l.inJS.Store(true)
	if ctx.Err() != nil { // checked after inJS is set, so the watcher cannot miss a running task
		l.inJS.Store(false)
		return context.Cause(ctx)
	}
	if err := l.aborted(); err != nil { // the same for Abort
		l.inJS.Store(false)
		return err
	}
	err := l.runTask(task)
	l.inJS.Store(false)
	if err != nil {
		if ie := interrupted(err); ie != nil {
			l.resetVM()
			if err := l.aborted(); err != nil {
				return err
			}
			cause := context.Cause(ctx)
			if ctx.Err() == nil { // an Abort that came as the last Run returned it: ie has its cause
				cause = ie
			}
			return &InterruptError{Cause: cause, Stack: ie.Stack()}
		}
		return err
	}
	if l.failure != nil {
		return l.failure
	}
	return l.checkUnhandled()
}

// next pops the next task whose source is still open.
func (l *Loop) next() (Task, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for l.head < len(l.queue) {
		e := l.queue[l.head]
		l.queue[l.head] = entry{}
		l.head++
		if l.head == len(l.queue) { // empty: start again at the front, keeping the array
			l.queue, l.head = l.queue[:0], 0
		}
		if e.src.dropped.Load() {
			continue
		}
		if e.src.queued.Add(-1) == 0 && e.src.closed.Load() {
			e.src.scope.closers.Remove(e.src.elem) // settled: its scope need not close it again
		}
		l.taskScope = e.src.scope
		return e.task, true
	}
	return nil, false
}

func (l *Loop) idle() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.head == len(l.queue) && len(l.open) == 0
}

func (l *Loop) push(e entry) {
	l.mu.Lock()
	l.enqueueLocked(e)
	l.mu.Unlock()
	l.signal()
}

// enqueueLocked appends e. When the array is full and its front holds tasks already run, the
// waiting ones move to the front first, so a queue that never empties does not grow by what
// it ran. l.mu must be held.
func (l *Loop) enqueueLocked(e entry) {
	if l.head > 0 && len(l.queue) == cap(l.queue) {
		n := copy(l.queue, l.queue[l.head:])
		clear(l.queue[n:])
		l.queue, l.head = l.queue[:n], 0
	}
	l.queue = append(l.queue, e)
}

// maxLent bounds how many tasks one Deliver runs before it hands the loop back to Run, so a
// task that keeps queueing more cannot hold a socket's reader forever.
const maxLent = 256

// deliver queues e and, when Run is waiting for work, runs the queue on the calling goroutine
// instead of waking Run: see Source.Deliver.
func (l *Loop) deliver(e entry) {
	if !l.owner.TryLock() {
		l.push(e)
		return
	}
	defer l.owner.Unlock()
	if checkOwner {
		defer l.ownerG.Store(l.own()) // back to Run's goroutine before it can take owner again
	}
	l.mu.Lock()
	l.enqueueLocked(e)
	l.mu.Unlock()
	if l.lentEnd { // Run has yet to see how the last Deliver ended it
		l.signal()
		return
	}
	for range maxLent {
		task, ok := l.next()
		if !ok {
			if l.idle() {
				l.signal() // Run returns
			}
			return
		}
		if err := l.exec(l.ctx, task); err != nil || l.stopped {
			l.lentErr, l.lentEnd = err, true
			l.signal()
			return
		}
	}
	l.signal() // more is queued: Run takes over
}

// Abort makes Run return an error that wraps ErrInterrupted and cause, as soon as it can: a
// running script is interrupted at once (a context's end allows a task interruptGrace
// first), and a Run waiting for work returns. When no Run is going on, the next one returns
// it before running anything. The wsrun engine uses it to stop tests when the run uses too
// much memory.
func (l *Loop) Abort(cause error) {
	l.abort.CompareAndSwap(nil, &cause)
	if l.inJS.Load() { // loaded after abort is stored, as exec stores inJS before it loads abort
		l.vm.Interrupt(cause)
	}
	l.signal()
}

// aborted takes Abort's cause, if any, as the error Run returns.
func (l *Loop) aborted() error {
	if cause := l.abort.Swap(nil); cause != nil {
		return fmt.Errorf("%w: %w", ErrInterrupted, *cause)
	}
	return nil
}

func (l *Loop) signal() {
	select {
	case l.wake <- struct{}{}:
	default:
	}
}

// Pending describes what the loop is still waiting on, e.g. "1 × setInterval, 2 × sleep",
// or "" when nothing is reserved.
func (l *Loop) Pending() string {
	l.MustOwn() // a lazy label may use the VM
	// Labels are built after l.mu is released: a lazy one may run a script's code (a matcher's
	// getter), which may reserve the loop and so take l.mu itself.
	l.mu.Lock()
	open := make([]*Source, 0, len(l.open))
	for s := range l.open {
		open = append(open, s)
	}
	l.mu.Unlock()
	counts := map[string]int{}
	for _, s := range open {
		counts[s.Label()]++
	}
	labels := make([]string, 0, len(counts))
	for label := range counts {
		labels = append(labels, label)
	}
	sort.Strings(labels)
	parts := make([]string, len(labels))
	for i, label := range labels {
		parts[i] = fmt.Sprintf("%d × %s", counts[label], label)
	}
	return strings.Join(parts, ", ")
}
