package ws

import (
	"fmt"
	"strings"
	"time"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/argcheck"
)

// An inbox (wsrun/internal's inbox(conn, { noun, show, name })) holds the decoded items a
// protocol module pushes as they arrive on a Connection: Socket.IO events, a subscription's
// payloads, JSON-RPC notifications. Its waits are the Connection's waiters, with the same
// matchers, timeouts, failure messages, call sites and forgotten-await check; only what they
// match (an item's value, for its key) and how items are shown (the module's show) differ.

// connRef is the hidden value of a Connection object that leads back to its conn. It has no
// exported fields or methods, so a script that finds it can do nothing with it.
type connRef struct{ c *conn }

// connOf returns the conn of a Connection object, or throws.
func (m *Module) connOf(fn string, v goja.Value) *conn {
	if o, ok := v.(*goja.Object); ok {
		if ref := o.GetSymbol(m.connKey); ref != nil {
			if r, ok := ref.Export().(connRef); ok {
				return r.c
			}
		}
	}
	argcheck.Throw(m.vm, "%s: conn must be a Connection (from ws.connect or ws.serve), got %s", fn, argcheck.Describe(v))
	return nil
}

var inboxOptions = &argcheck.Options{Func: "inbox", Example: "{ noun: 'event', show: (key, value) => key }", Keys: []argcheck.Key{
	{Name: "noun", Kind: argcheck.String},
	{Name: "show", Kind: argcheck.Function},
	{Name: "name", Kind: argcheck.String},
}}

// howOptions is the last argument of an inbox's expect and expectNone: how the module's own
// method is named in messages.
var howOptions = &argcheck.Options{Func: "inbox.expect", Example: "{ method: 'expect', label: 'socket.expect(\"chat\")' }", Keys: []argcheck.Key{
	{Name: "method", Kind: argcheck.String},
	{Name: "label", Kind: argcheck.String},
	{Name: "what", Kind: argcheck.String},
}}

// item is one decoded arrival: rec.data is its value, what matchers see.
type item struct {
	key    string
	rec    record
	result goja.Value // what an expect that takes it resolves with
	// noneKey and noneRec, when noneKey is not "", are how expectNone waits for noneKey see
	// the item as well: a GraphQL payload with errors only waits for expectError under
	// "error" as its errors array, yet expectNone("next") must see it as the payload it was.
	noneKey string
	noneRec record
}

// noneRecFor returns the record an expectNone for key matches against, or nil when the item
// is not one it sees.
func (it *item) noneRecFor(key string) *record {
	switch key {
	case it.key:
		return &it.rec
	case it.noneKey:
		return &it.noneRec
	}
	return nil
}

// pushOptions is the last argument of an inbox's push.
var pushOptions = &argcheck.Options{Func: "inbox.push", Example: "{ noneKey: 'next', noneValue: payload }", Keys: []argcheck.Key{
	{Name: "noneKey", Kind: argcheck.String},
	{Name: "noneValue", Kind: argcheck.Any},
}}

// itemBox is an inbox. Loop goroutine only.
type itemBox struct {
	m        *Module
	c        *conn
	name     string // for messages: "alice"
	noun     string // "event": listings say "2 unconsumed events"
	show     goja.Callable
	items    queue[*item]
	waiters  []*waiter
	offering []*waiter // offer's copy of waiters, kept between items
	total    int       // items pushed, including those dropped
	noted    bool      // the note that items are dropped is written
	ended    bool
	why      string // why nothing more will arrive, once ended
}

func (m *Module) newInbox(call goja.FunctionCall) goja.Value {
	c := m.connOf("inbox", call.Argument(0))
	o := inboxOptions.Check(m.vm, call.Argument(1))
	b := &itemBox{m: m, c: c, name: optString(o, "name", c.set.name), noun: optString(o, "noun", "item")}
	if b.noun == "" {
		argcheck.Throw(m.vm, "inbox: noun must not be empty")
	}
	if v := optGet(o, "show"); v != nil {
		b.show, _ = goja.AssertFunction(v)
	}
	b.items.max = c.set.maxInbox
	if c.closed || c.released {
		b.ended, b.why = true, "the connection "+c.closedText()
	} else {
		c.boxes = append(c.boxes, b)
	}
	return b.object()
}

func (b *itemBox) object() *goja.Object {
	vm := b.m.vm
	o := vm.NewObject()
	_ = o.Set("push", func(call goja.FunctionCall) goja.Value {
		argcheck.Need(vm, call.Argument(0), argcheck.String, "inbox.push", "key")
		result := call.Argument(2)
		if len(call.Arguments) < 3 {
			result = call.Argument(1)
		}
		o := pushOptions.Check(vm, call.Argument(3))
		var noneValue goja.Value
		if o != nil {
			noneValue = o.Get("noneValue") // null stays null
		}
		b.push(call.Argument(0).String(), call.Argument(1), result, optString(o, "noneKey", ""), noneValue)
		return goja.Undefined()
	})
	_ = o.Set("expect", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(b.expect(call.Argument(0), call.Argument(1), call.Argument(2), call.Argument(3)))
	})
	_ = o.Set("expectNone", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(b.expectNone(call.Argument(0), call.Argument(1), call.Argument(2), call.Argument(3)))
	})
	_ = o.Set("end", func(call goja.FunctionCall) goja.Value {
		why := call.Argument(0)
		argcheck.Need(vm, why, argcheck.String, "inbox.end", "why")
		b.finish(why.String())
		return goja.Undefined()
	})
	_ = o.DefineAccessorProperty("size", vm.ToValue(func() int { return b.items.len() }), nil, goja.FLAG_FALSE, goja.FLAG_TRUE)
	return o
}

// push adds an item and offers it to the waits in the order they started. When noneKey is
// not "", expectNone waits for noneKey see it too, as noneValue.
func (b *itemBox) push(key string, value, result goja.Value, noneKey string, noneValue goja.Value) {
	b.total++
	now := time.Now()
	it := &item{key: key, result: result, rec: itemRecord(value, now)}
	if noneKey != "" && noneKey != key {
		if noneValue == nil {
			noneValue = goja.Undefined()
		}
		it.noneKey, it.noneRec = noneKey, itemRecord(noneValue, now)
	}
	if b.items.push(it) && !b.noted {
		b.noted = true
		b.c.note(fmt.Sprintf("more than %d %ss were never consumed by an expect (maxInbox): the oldest are dropped", b.items.max, b.noun))
	}
	// Settling a wait runs script code (a matcher), which may add or finish waits: walk a copy.
	ws := append(b.offering[:0], b.waiters...)
	b.offering = nil
	b.offer(ws, it)
	clear(ws)
	b.offering = ws[:0]
}

// itemRecord is the record of an item's value: a string's text is what a string or RegExp
// matcher matches; any other value has none.
func itemRecord(value goja.Value, at time.Time) record {
	rec := record{data: value, at: at}
	if goja.IsString(value) {
		rec.text = value.String()
	} else {
		rec.binary = true
	}
	return rec
}

// offer gives it to the waits in ws in order: the first expect that matches consumes it, but
// every expectNone sees it, even after an expect that started earlier took it.
func (b *itemBox) offer(ws []*waiter, it *item) {
	taken := false
	for _, w := range ws {
		if w.done || (taken && w.kind != waitNone) {
			continue
		}
		if w.kind == waitNone {
			if rec := it.noneRecFor(w.key); rec != nil {
				b.noneHit(w, it, rec)
			}
			continue
		}
		if w.key != it.key {
			continue
		}
		ok, err := w.fns[0](&it.rec)
		if err != nil {
			w.failWith(err)
			continue
		}
		if ok {
			b.items.removeRec(it)
			w.succeed(it.result)
			taken = true
		}
	}
}

// how reads a wait's arguments: the key, the options checked against opts, and how.
func (b *itemBox) how(fn string, keyV, matcher, optsV, howV goja.Value, opts func(method string) *argcheck.Options) (key, method, what, label string) {
	vm := b.m.vm
	argcheck.Need(vm, keyV, argcheck.String, "inbox."+fn, "key")
	key = keyV.String()
	h := howOptions.Check(vm, howV)
	method = optString(h, "method", fn)
	opts(method).Check(vm, optsV)
	what = optString(h, "what", "")
	if what == "" {
		what = b.describe(key, matcher)
	}
	label = optString(h, "label", "")
	if label == "" {
		label = fmt.Sprintf("%s.%s(%s)", b.name, method, shorten(what, 60))
	}
	return key, method, what, label
}

// describe is what a wait for key and matcher awaits, for messages: 'chat ["hi"]'.
func (b *itemBox) describe(key string, matcher goja.Value) string {
	if matcher == nil || goja.IsUndefined(matcher) {
		return key
	}
	if obj, ok := matcher.(*goja.Object); ok {
		if _, isFn := goja.AssertFunction(obj); isFn && !b.m.opts.Matcher.IsAsymmetric(obj) {
			name := obj.Get("name").String()
			if name == "" {
				name = "(anonymous)"
			}
			return key + " for which function " + name + " returns true"
		}
	}
	return key + " " + b.m.opts.Matcher.Format(matcher)
}

func (b *itemBox) newWaiter(kind waitKind, method, key, what, label string, matcher goja.Value, timeout time.Duration) (*waiter, *goja.Promise) {
	w, p := b.m.newWaiter(b.name, &b.waiters, kind, method, []goja.Value{matcher}, timeout)
	w.key, w.what, w.label, w.box = key, what, label, b
	return w, p
}

// expect resolves with the result of the first unconsumed item with key whose value matches,
// consuming it.
func (b *itemBox) expect(keyV, matcher, optsV, howV goja.Value) *goja.Promise {
	key, method, what, label := b.how("expect", keyV, matcher, optsV, howV, waitOptions)
	sig := b.m.signal(method, optsV)
	w, p := b.newWaiter(waitOne, method, key, what, label, matcher, waitTimeout(optsV, "timeout", b.m.opts.ExpectTimeout))
	if w.abortOn(sig) {
		return p
	}
	for i := 0; i < b.items.len(); i++ {
		it := b.items.at(i)
		if it.key != key {
			continue
		}
		ok, err := w.fns[0](&it.rec)
		if err != nil {
			w.failWith(err)
			return p
		}
		if ok {
			b.items.remove(i)
			w.succeed(it.result)
			return p
		}
	}
	if !b.ended && (b.c.closed || b.c.released) { // released at the end of its scope
		b.finish("the connection " + b.c.closedText())
	}
	if b.ended {
		b.failEnded(w)
		return p
	}
	w.onTimeout = func() {
		w.fail(fmt.Sprintf("%s: %s timed out after %dms waiting for %s%s", b.name, w.method, w.timeout.Milliseconds(), w.what, b.unconsumed(w)))
	}
	w.wait()
	return p
}

// expectNone resolves after its window if no matching item arrived, rejects when one does.
func (b *itemBox) expectNone(keyV, matcher, optsV, howV goja.Value) *goja.Promise {
	key, method, what, label := b.how("expectNone", keyV, matcher, optsV, howV, noneOptions)
	within := waitTimeout(optsV, "within", waitTimeout(optsV, "timeout", DefaultWithin))
	sig := b.m.signal(method, optsV)
	w, p := b.newWaiter(waitNone, method, key, what, label, matcher, within)
	if w.abortOn(sig) {
		return p
	}
	for i := 0; i < b.items.len(); i++ {
		it := b.items.at(i)
		if rec := it.noneRecFor(key); rec != nil && b.noneHit(w, it, rec) {
			return p
		}
	}
	w.onTimeout = func() { w.succeed(goja.Undefined()) }
	w.wait()
	return p
}

func noneOptions(method string) *argcheck.Options {
	o := *expectNoneOptions
	o.Func = method
	return &o
}

// noneHit fails an expectNone when rec, how it sees it, matches; it reports whether w is
// settled.
func (b *itemBox) noneHit(w *waiter, it *item, rec *record) bool {
	ok, err := w.fns[0](rec)
	if err != nil {
		w.failWith(err)
		return true
	}
	if ok {
		w.fail(fmt.Sprintf("%s: %s: %s %s matching %s arrived, but none was expected within %dms:\n  %s",
			b.name, w.method, article(b.noun), b.noun, w.what, w.timeout.Milliseconds(), shorten(b.line(it), 500)))
	}
	return ok
}

// finish ends the inbox: nothing more will arrive, for why. Pending expects fail (an
// expectNone keeps its window); later ones fail unless an unconsumed item matches. The first
// why stands.
func (b *itemBox) finish(why string) {
	if b.ended {
		return
	}
	b.ended, b.why = true, why
	for i, x := range b.c.boxes {
		if x == b {
			b.c.boxes = append(b.c.boxes[:i], b.c.boxes[i+1:]...)
			break
		}
	}
	for _, w := range append([]*waiter(nil), b.waiters...) {
		if w.kind != waitNone {
			b.failEnded(w)
		}
	}
}

func (b *itemBox) failEnded(w *waiter) {
	w.fail(fmt.Sprintf("%s: %s failed: %s while waiting for %s%s", b.name, w.method, b.why, w.what, b.unconsumed(w)))
}

// unconsumed lists the unconsumed items, and the diff of the closest one with w's key when
// its matcher is an object.
func (b *itemBox) unconsumed(w *waiter) string {
	n := b.items.len()
	list := b.m.listUnconsumed(b.noun, n, b.total, func(i int) string { return b.line(b.items.at(i)) }) + droppedText(b.noun, b.items.dropped, b.items.max)
	pattern := first(w.patterns)
	if n == 0 || !diffable(pattern) {
		return list
	}
	var cands []goja.Value
	var nums []int
	for i := 0; i < n; i++ {
		if it := b.items.at(i); it.key == w.key {
			cands = append(cands, it.rec.value())
			nums = append(nums, i+1)
		}
	}
	if len(cands) == 0 {
		return list
	}
	return list + b.m.closestCandidate(b.noun, pattern, cands, nums)
}

// line renders an item by the module's show, or as key and value when there is none, or it
// throws or returns something else than a string: a failure message is no place for a second
// failure.
func (b *itemBox) line(it *item) string {
	if b.show != nil {
		if v, err := b.show(goja.Undefined(), b.m.vm.ToValue(it.key), it.rec.value()); err == nil && goja.IsString(v) {
			return v.String()
		}
	}
	return it.key + " " + b.m.opts.Matcher.Format(it.rec.value())
}

// article is "a" or "an" for noun.
func article(noun string) string {
	if noun != "" && strings.ContainsRune("aeiou", rune(noun[0])) {
		return "an"
	}
	return "a"
}
