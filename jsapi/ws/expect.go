package ws

import (
	"fmt"
	"time"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/argcheck"
)

// waitTimeout reads a wait's time limit from opts[key] ({ timeout }, or { within } for
// expectNone), def when absent. The options have passed argcheck.
func waitTimeout(opts goja.Value, key string, def time.Duration) time.Duration {
	if v := optGet(asObject(opts), key); v != nil {
		return argcheck.Millis(v.ToFloat())
	}
	return def
}

// expect resolves with the first unconsumed message that matches, consuming it.
func (c *conn) expect(pattern, opts goja.Value) *goja.Promise {
	return c.expectAs("expect", pattern, opts)
}

// expectAs is expect under the name of the method the script called, for messages.
func (c *conn) expectAs(method string, pattern, opts goja.Value) *goja.Promise {
	return c.expectTimed(method, pattern, opts, nil)
}

// expectTimed is expectAs that hands the arrival time of the message it takes to timed
// (request's latency), when timed is not nil.
func (c *conn) expectTimed(method string, pattern, opts goja.Value, timed func(time.Time)) *goja.Promise {
	sig := c.m.signal(method, opts)
	w, p := c.newWaiter(waitOne, method, []goja.Value{pattern}, waitTimeout(opts, "timeout", c.m.opts.ExpectTimeout))
	if w.abortOn(sig) {
		return p
	}
	w.timed = timed
	for i := 0; i < c.inbox.len(); i++ {
		rec := c.inbox.at(i)
		ok, err := w.fns[0](rec)
		if err != nil {
			w.failWith(err)
			return p
		}
		if ok {
			c.inbox.remove(i)
			w.take(rec)
			return p
		}
	}
	c.startWait(w)
	return p
}

// startWait queues w, or fails it at once when nothing can arrive any more.
func (c *conn) startWait(w *waiter) {
	if (c.closed || c.released) && w.kind != waitNone {
		c.waiters = append(c.waiters, w)
		c.failWaiters()
		return
	}
	w.wait()
}

// expectNext checks the very next unconsumed message.
func (c *conn) expectNext(pattern, opts goja.Value) *goja.Promise {
	sig := c.m.signal("expectNext", opts)
	w, p := c.newWaiter(waitNext, "expectNext", []goja.Value{pattern}, waitTimeout(opts, "timeout", c.m.opts.ExpectTimeout))
	if w.abortOn(sig) {
		return p
	}
	if c.inbox.len() > 0 {
		c.takeNext(w, c.inbox.at(0))
		return p
	}
	c.startWait(w)
	return p
}

// takeNext settles an expectNext with rec, which is the next unconsumed message, and
// reports whether it consumed rec.
func (c *conn) takeNext(w *waiter, rec *record) bool {
	ok, err := w.fns[0](rec)
	switch {
	case err != nil:
		w.failWith(err)
	case ok:
		c.inbox.removeRec(rec)
		w.succeed(rec.value())
		return true
	default:
		msg := fmt.Sprintf("%s: expectNext: the next message does not match\n\nExpected: %s\nReceived: %s",
			c.set.name, c.m.describe(w.patterns[0]), shorten(c.show(rec), 500))
		if obj, isObj := w.patterns[0].(*goja.Object); isObj && obj.ClassName() == "Object" && !rec.binary {
			msg += "\n\n" + c.m.opts.Matcher.DiffMatch(w.patterns[0], rec.value())
		}
		w.fail(msg)
	}
	return false
}

// expectAll waits until every matcher has taken a distinct message, in any order.
func (c *conn) expectAll(patterns goja.Value, opts goja.Value) *goja.Promise {
	var list []goja.Value
	if arr := asObject(patterns); arr != nil && arr.ClassName() == "Array" {
		n := int(arr.Get("length").ToInteger())
		for i := 0; i < n; i++ {
			list = append(list, arr.Get(fmt.Sprint(i)))
		}
	} else {
		argcheck.Throw(c.m.vm, "expectAll: matchers must be an array of matchers, like expectAll([{ type: 'a' }, { type: 'b' }]), got %s", argcheck.Describe(patterns))
	}
	sig := c.m.signal("expectAll", opts)
	w, p := c.newWaiter(waitAll, "expectAll", list, waitTimeout(opts, "timeout", c.m.opts.ExpectTimeout))
	if w.abortOn(sig) {
		return p
	}
	for i := 0; i < c.inbox.len(); {
		took, err := c.offerAll(w, c.inbox.at(i))
		if err != nil {
			w.failWith(err)
			return p
		}
		if took {
			c.inbox.remove(i)
		} else {
			i++
		}
	}
	if w.complete() {
		c.resolveAll(w)
		return p
	}
	c.startWait(w)
	return p
}

// offerAll gives rec to the first matcher of w still waiting that matches it; failing that,
// to a matcher that took a message another waiting matcher can take instead (an augmenting
// path, as in bipartite matching). So expectAll([{ a: 1 }, { b: 1 }]) is satisfied by
// {a:1,b:1} then {a:1}, whichever order they came in; taking greedily, the first used to
// take the matcher the second needed, and the wait timed out though both had arrived.
func (c *conn) offerAll(w *waiter, rec *record) (bool, error) {
	took, err := w.assign(rec, make([]bool, len(w.fns)))
	if !took {
		delete(w.fits, rec) // only the messages taken are tried again: keep fits that small
	}
	return took, err
}

// assign finds rec a matcher, moving the messages already taken where needed; seen marks the
// matchers this search has tried.
func (w *waiter) assign(rec *record, seen []bool) (bool, error) {
	for i := range w.fns {
		if seen[i] || w.got[i] != nil {
			continue
		}
		ok, err := w.fit(rec, i)
		if err != nil || ok {
			if ok {
				w.got[i] = rec
			}
			return ok, err
		}
	}
	for i := range w.fns {
		if seen[i] || w.got[i] == nil {
			continue
		}
		ok, err := w.fit(rec, i)
		if err != nil {
			return false, err
		}
		if !ok {
			continue
		}
		seen[i] = true
		moved, err := w.assign(w.got[i], seen)
		if err != nil {
			return false, err
		}
		if moved {
			w.got[i] = rec
			return true, nil
		}
	}
	return false, nil
}

// fit reports whether matcher i matches rec, calling it once per message.
func (w *waiter) fit(rec *record, i int) (bool, error) {
	if w.fits == nil {
		w.fits = map[*record][]int8{}
	}
	f := w.fits[rec]
	if f == nil {
		f = make([]int8, len(w.fns))
		w.fits[rec] = f
	}
	if f[i] == 0 {
		ok, err := w.fns[i](rec)
		if err != nil {
			return false, err
		}
		f[i] = -1
		if ok {
			f[i] = 1
		}
	}
	return f[i] == 1, nil
}

func (w *waiter) complete() bool {
	for _, r := range w.got {
		if r == nil {
			return false
		}
	}
	return true
}

func (c *conn) resolveAll(w *waiter) {
	vals := make([]any, len(w.got))
	for i, r := range w.got {
		vals[i] = r.value()
	}
	w.succeed(c.m.vm.NewArray(vals...))
}

// expectNone resolves after the window if no matching message arrived, rejects when one does.
func (c *conn) expectNone(pattern, opts goja.Value) *goja.Promise {
	within := waitTimeout(opts, "within", waitTimeout(opts, "timeout", DefaultWithin))
	sig := c.m.signal("expectNone", opts)
	w, p := c.newWaiter(waitNone, "expectNone", []goja.Value{pattern}, within)
	if w.abortOn(sig) {
		return p
	}
	for i := 0; i < c.inbox.len(); i++ {
		if c.noneHit(w, c.inbox.at(i)) {
			return p
		}
	}
	c.startWait(w)
	return p
}

// noneHit fails an expectNone when rec matches; it reports whether w is settled.
func (c *conn) noneHit(w *waiter, rec *record) bool {
	ok, err := w.fns[0](rec)
	if err != nil {
		w.failWith(err)
		return true
	}
	if ok {
		w.fail(fmt.Sprintf("%s: expectNone: a message matching %s arrived, but none was expected within %dms:\n  %s",
			c.set.name, c.m.describe(w.patterns[0]), w.timeout.Milliseconds(), shorten(c.show(rec), 500)))
	}
	return ok
}

// expectClose waits for the peer to close and checks the code and reason when given.
func (c *conn) expectClose(opts goja.Value) *goja.Promise {
	o := asObject(opts)
	sig := c.m.signal("expectClose", opts)
	w, p := c.newWaiter(waitClose, "expectClose", nil, waitTimeout(opts, "timeout", c.m.opts.ExpectTimeout))
	if w.abortOn(sig) {
		return p
	}
	w.onClose = func() {
		if v := optGet(o, "code"); v != nil && int64(c.closeCode) != v.ToInteger() {
			w.fail(fmt.Sprintf("%s: expectClose: expected close code %d, got %s", c.set.name, v.ToInteger(), closeText(c.closeErr)))
			return
		}
		if v := optGet(o, "reason"); v != nil && !c.reasonMatches(v) {
			w.fail(fmt.Sprintf("%s: expectClose: expected close reason %s, got %q", c.set.name, c.m.describe(v), c.closeReason))
			return
		}
		w.succeed(c.closeInfo())
	}
	if c.closed {
		w.onClose()
		return p
	}
	if c.released {
		w.fail(fmt.Sprintf("%s: expectClose: the connection %s, so no close frame will be seen", c.set.name, c.closedText()))
		return p
	}
	w.wait()
	return p
}

func (c *conn) reasonMatches(want goja.Value) bool {
	ok, err := c.m.compile(want)(&record{text: c.closeReason, data: c.m.vm.ToValue(c.closeReason)})
	return err == nil && ok
}

func (c *conn) closeInfo() goja.Value {
	info := c.m.vm.NewObject()
	_ = info.Set("code", c.closeCode)
	_ = info.Set("reason", c.closeReason)
	return info
}

// offer gives an arriving message to the waits in the order they started; the first that
// consumes it takes it from the others, but every expectNone sees it: a message that arrived
// fails an expectNone even when an expect that started earlier consumed it. Loop goroutine.
func (c *conn) offer(rec *record) error {
	// Settling a wait runs script code, which may add or finish waits: walk a copy, kept for
	// the next message (taken while in use, in case an offer ever nests).
	ws := append(c.offering[:0], c.waiters...)
	c.offering = nil
	c.offerTo(ws, rec)
	clear(ws)
	c.offering = ws[:0]
	return nil
}

func (c *conn) offerTo(ws []*waiter, rec *record) {
	taken := false
	for _, w := range ws {
		if w.done || (taken && w.kind != waitNone) {
			continue
		}
		switch w.kind {
		case waitNone:
			c.noneHit(w, rec)
			continue
		case waitClose:
			continue
		case waitNext:
			if c.takeNext(w, rec) {
				taken = true
			}
		case waitOne:
			ok, err := w.fns[0](rec)
			if err != nil {
				w.failWith(err)
				continue
			}
			if ok {
				c.inbox.removeRec(rec)
				w.take(rec)
				taken = true
			}
		case waitAll:
			took, err := c.offerAll(w, rec)
			if err != nil {
				w.failWith(err)
				continue
			}
			if took {
				c.inbox.removeRec(rec)
				if w.complete() {
					c.resolveAll(w)
				}
				taken = true
			}
		}
	}
}
