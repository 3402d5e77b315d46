package ws

import (
	"fmt"
	"strings"
	"time"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/runtime/eventloop"
)

type waitKind int

const (
	waitOne   waitKind = iota // expect
	waitNext                  // expectNext
	waitAll                   // expectAll
	waitNone                  // expectNone
	waitClose                 // expectClose
)

// waiter is a pending expect*: a promise, its timer, and what it waits for. A Connection's
// waits and an inbox's (wsrun/internal) are waiters; c is set for the Connection's.
type waiter struct {
	m        *Module
	name     string     // whose wait, for messages: "alice"
	queue    *[]*waiter // where it waits for arrivals, if anywhere
	c        *conn
	kind     waitKind
	method   string
	patterns []goja.Value
	fns      []matchFn
	got      []*record          // expectAll: the message each matcher took
	fits     map[*record][]int8 // expectAll: which matchers a message matched, 1, or not, -1
	timeout  time.Duration
	alarm    *eventloop.Alarm // the timeout, once waiting
	site     callSite
	src      *eventloop.Source
	resolve  func(any) error
	reject   func(any) error
	onClose  func() // expectClose: checks code and reason
	// onTimeout, if set, replaces expire's own failure (expectConnection).
	onTimeout func()
	// cancelled, if set, forgets the wait where its owner keeps it (expectConnection).
	cancelled func()
	// timed, if set, gets the arrival time of the message an expect takes (request).
	timed   func(time.Time)
	pending eventloop.Wait // until it settles: a test must not end before then
	done    bool
	// unsignal, if set, forgets the wait in its AbortSignal (abort.go).
	unsignal func()
	// box is the inbox of an inbox's wait.
	box      *itemBox
	start    time.Time // for its transcript entry (Options.TranscribeWaits)
	timedOut bool
	// An inbox's wait: the key of the items it takes, what it awaits for messages ('chat
	// ["hi"]'), and its label when given (how.label).
	key, what, label string
	// The one pattern of most waits, so that they need no slices of their own.
	pattern1 [1]goja.Value
	fn1      [1]matchFn
	got1     [1]*record
}

// newWaiter makes a Connection's wait.
func (c *conn) newWaiter(kind waitKind, method string, patterns []goja.Value, timeout time.Duration) (*waiter, *goja.Promise) {
	w, p := c.m.newWaiter(c.set.name, &c.waiters, kind, method, patterns, timeout)
	w.c = c
	return w, p
}

// newWaiter makes the promise and reserves the loop under a label that names the wait; name
// is whose wait it is, queue where wait() puts it. patterns is copied.
func (m *Module) newWaiter(name string, queue *[]*waiter, kind waitKind, method string, patterns []goja.Value, timeout time.Duration) (*waiter, *goja.Promise) {
	p, resolve, reject := m.vm.NewPromise()
	w := &waiter{
		m: m, name: name, queue: queue, kind: kind, method: method, timeout: timeout,
		site: m.callSite(), resolve: resolve, reject: reject,
	}
	if m.opts.TranscribeWaits {
		w.start = time.Now()
	}
	if len(patterns) == 1 {
		w.pattern1[0], w.fn1[0] = patterns[0], m.compile(patterns[0])
		w.patterns, w.fns, w.got = w.pattern1[:], w.fn1[:], w.got1[:]
	} else {
		w.patterns = append([]goja.Value(nil), patterns...)
		w.got = make([]*record, len(patterns))
		for _, pat := range patterns {
			w.fns = append(w.fns, m.compile(pat))
		}
	}
	w.src = m.loop.ReserveLazy(w.WaitLabel, func() {
		if w.alarm != nil {
			w.alarm.Stop()
		}
	})
	m.loop.StartWait(&w.pending, w)
	return w, p
}

// WaitLabel names the call for messages, e.g. `alice.expect({"type": "welcome"})`; built only
// when a timeout asks what is pending or a test forgot to await it.
func (w *waiter) WaitLabel() string {
	switch {
	case w.label != "":
		return w.label
	case len(w.patterns) == 0:
		return fmt.Sprintf("%s.%s()", w.name, w.method)
	case w.kind == waitAll:
		parts := make([]string, len(w.patterns))
		for i, p := range w.patterns {
			parts[i] = w.m.describe(p)
		}
		return fmt.Sprintf("%s.%s([%s])", w.name, w.method, shorten(strings.Join(parts, ", "), 60))
	}
	return fmt.Sprintf("%s.%s(%s)", w.name, w.method, shorten(w.m.describe(first(w.patterns)), 60))
}

// WaitSite is where the script called the method.
func (w *waiter) WaitSite() []goja.StackFrame { return w.site }

// CancelWait ends a wait its test left pending: its promise never settles, so nothing about
// it reaches a later test.
func (w *waiter) CancelWait() {
	if w.done {
		return
	}
	w.finish("cancelled")
	if w.cancelled != nil {
		w.cancelled()
	}
}

func first(v []goja.Value) goja.Value {
	if len(v) == 0 {
		return nil
	}
	return v[0]
}

// wait schedules the timeout and queues w for arriving messages.
func (w *waiter) wait() {
	*w.queue = append(*w.queue, w)
	w.schedule()
}

// schedule sets the timeout, an alarm on the loop (one Go timer for all of them).
func (w *waiter) schedule() {
	w.alarm = w.m.loop.After(w.src, w.timeout, func() error {
		w.expire()
		return nil
	})
}

func (w *waiter) finish(outcome string) {
	w.done = true
	if w.m.opts.TranscribeWaits {
		e := TranscriptEntry{Conn: w.name, Dir: Wait, Start: w.start, At: time.Now(), Text: w.WaitLabel(), Outcome: outcome}
		if w.c != nil {
			e.Server = w.c.set.server
		}
		w.m.transcribe(e)
	}
	w.pending.Done()
	if w.unsignal != nil {
		w.unsignal()
		w.unsignal = nil
	}
	if q := w.queue; q != nil {
		for i, x := range *q {
			if x == w {
				*q = append((*q)[:i], (*q)[i+1:]...)
				break
			}
		}
	}
	w.src.Release()
}

func (w *waiter) succeed(v goja.Value) {
	if w.done {
		return
	}
	w.finish("satisfied")
	_ = w.resolve(v)
}

// take resolves an expect with rec, the message it consumed.
func (w *waiter) take(rec *record) {
	if !w.done && w.timed != nil {
		w.timed(rec.at)
	}
	w.succeed(rec.value())
}

func (w *waiter) fail(msg string) {
	if w.done {
		return
	}
	w.finish(w.failOutcome())
	_ = w.reject(w.m.newError("AssertionError", msg, w.site))
}

// failWith rejects with an error a matcher function threw.
func (w *waiter) failWith(err error) {
	if w.done {
		return
	}
	w.finish("failed")
	if ex, ok := err.(*goja.Exception); ok {
		_ = w.reject(ex.Value())
		return
	}
	_ = w.reject(w.m.newError("Error", err.Error(), w.site))
}

// expire is the timeout, on the loop.
func (w *waiter) expire() {
	if w.done {
		return
	}
	w.timedOut = true
	if w.onTimeout != nil {
		w.onTimeout()
		return
	}
	c := w.c
	switch w.kind {
	case waitNone:
		w.succeed(goja.Undefined())
	case waitClose:
		w.fail(fmt.Sprintf("%s: expectClose timed out after %dms: the connection is still open", c.set.name, w.timeout.Milliseconds()))
	case waitAll:
		w.fail(fmt.Sprintf("%s: expectAll timed out after %dms; still missing %s%s",
			c.set.name, w.timeout.Milliseconds(), w.missing(), c.unconsumed(w.firstMissing())))
	default:
		w.fail(fmt.Sprintf("%s: %s timed out after %dms waiting for %s%s%s",
			c.set.name, w.method, w.timeout.Milliseconds(), c.m.describe(first(w.patterns)), c.m.optionsHint(w.method, first(w.patterns)), c.unconsumed(first(w.patterns))))
	}
}

// failOutcome is how a failed wait ended, for its transcript entry.
func (w *waiter) failOutcome() string {
	if w.timedOut {
		return "timed out"
	}
	return "failed"
}

func (w *waiter) missing() string {
	var parts []string
	for i, rec := range w.got {
		if rec == nil {
			parts = append(parts, fmt.Sprintf("[%d] %s", i, w.m.describe(w.patterns[i])))
		}
	}
	return strings.Join(parts, ", ")
}

func (w *waiter) firstMissing() goja.Value {
	for i, rec := range w.got {
		if rec == nil {
			return w.patterns[i]
		}
	}
	return nil
}

// failWaiters rejects every pending wait when the connection closes; expectNone keeps its
// window and expectClose is resolved by its own check.
func (c *conn) failWaiters() {
	for _, w := range append([]*waiter(nil), c.waiters...) {
		switch w.kind {
		case waitNone:
		case waitClose:
			w.onClose()
		default:
			what := c.m.describe(first(w.patterns))
			if w.kind == waitAll {
				what = w.missing()
			}
			w.fail(fmt.Sprintf("%s: %s failed: the connection %s while waiting for %s%s",
				c.set.name, w.method, c.closedText(), what, c.unconsumed(first(w.patterns))))
		}
	}
}

// unconsumed lists the messages nobody consumed, and the closest one's diff against pattern
// when pattern is an object, for timeout messages.
func (c *conn) unconsumed(pattern goja.Value) string {
	n := c.inbox.len()
	list := c.m.listUnconsumed("message", n, c.received(), func(i int) string { return c.show(c.inbox.at(i)) }) + droppedText("message", c.inbox.dropped, c.inbox.max)
	if n == 0 || !diffable(pattern) {
		return list
	}
	cands := make([]goja.Value, n)
	for i := range cands {
		cands[i] = c.inbox.at(i).value()
	}
	return list + c.m.closestCandidate("message", pattern, cands, nil)
}

// listUnconsumed is the tail of a failed wait's message: "; 2 unconsumed events:\n  1. …",
// the first maxListed of n items rendered by show, or how many arrived when none is left.
func (m *Module) listUnconsumed(noun string, n, total int, show func(i int) string) string {
	if n == 0 {
		return fmt.Sprintf("; no unconsumed %ss (%d received in all)", noun, total)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "; %d unconsumed %s%s:", n, noun, plural(n))
	for i := 0; i < n && i < maxListed; i++ {
		fmt.Fprintf(&b, "\n  %d. %s", i+1, shorten(show(i), 200))
	}
	if n > maxListed {
		fmt.Fprintf(&b, "\n  … and %d more", n-maxListed)
	}
	return b.String()
}

// droppedText says, after the unconsumed ones, that older ones were dropped past maxInbox:
// the message a wait needed may be among them.
func droppedText(noun string, dropped, max int) string {
	if dropped == 0 {
		return ""
	}
	return fmt.Sprintf("\n  (and %d older unconsumed %s%s dropped, over maxInbox %d: raise maxInbox in the options if a wait needs them)", dropped, noun, plural(dropped), max)
}

// diffable: a matcher that is an object (not a RegExp or function) gets a closest-candidate
// diff.
func diffable(pattern goja.Value) bool {
	obj, ok := pattern.(*goja.Object)
	return ok && obj.ClassName() != "RegExp" && obj.ClassName() != "Function"
}

// closestCandidate is the diff of pattern against the candidate closest to it, numbered as
// listed: nums[i] is candidate i's number, or i+1 when nums is nil. Empty when none is close.
func (m *Module) closestCandidate(noun string, pattern goja.Value, cands []goja.Value, nums []int) string {
	i := m.opts.Matcher.Closest(pattern, cands)
	if i < 0 {
		return ""
	}
	num := i + 1
	if nums != nil {
		num = nums[i]
	}
	return fmt.Sprintf("\n\nClosest candidate (%s %d):\n%s", noun, num, m.opts.Matcher.DiffMatch(pattern, cands[i]))
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func (c *conn) received() int { return c.total }

// show renders a record for messages: text frames by their raw text, binary by size.
func (c *conn) show(rec *record) string {
	if rec.binary {
		return fmt.Sprintf("<binary, %d bytes>", len(exportBytes(rec.value())))
	}
	return rec.text
}

func exportBytes(v goja.Value) []byte {
	b, _ := v.Export().([]byte)
	return b
}
