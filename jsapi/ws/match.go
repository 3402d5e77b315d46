package ws

import (
	"errors"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/argcheck"
)

// errAsyncMatcher fails a wait whose matcher function returned a promise: an async function,
// whose promise is truthy, used to match the first message whatever it was.
var errAsyncMatcher = errors.New("the matcher function returned a Promise (is it async?), which would match every message: " +
	"a matcher is called synchronously and must return true or false")

// isThenable reports whether v is a Promise or an object with a then method. It reads v's
// then only, under Try (a then getter that throws counts as no, as the engine's does):
// Export read every property, and a getter that threw was a Go panic, an internal error.
func (m *Module) isThenable(v goja.Value) bool {
	obj, ok := v.(*goja.Object)
	if !ok {
		return false
	}
	if _, ok := argcheck.Promise(obj); ok {
		return true
	}
	thenable := false
	_ = m.vm.Try(func() { _, thenable = goja.AssertFunction(obj.Get("then")) })
	return thenable
}

// matchFn tests one received message. An error (a matcher function that threw) fails the wait.
type matchFn func(rec *record) (bool, error)

// compile turns a matcher as scripts write it into a matchFn:
//   - omitted: any message;
//   - a string: equals the raw text of a text frame;
//   - a RegExp: tested against the raw text, from its start every time: a g or y flag would
//     otherwise carry lastIndex from one message to the next, so a second identical message
//     would not match (and expectNone would pass although it arrived);
//   - a function (not an asymmetric matcher): called with the data, truthy matches;
//   - anything else (objects, arrays, asymmetric matchers, numbers): a partial deep match on
//     the parsed message, as toMatchObject does; a binary frame matches only an asymmetric
//     matcher (expect.any(Uint8Array)) or bytes (a typed array or ArrayBuffer) among these.
func (m *Module) compile(pattern goja.Value) matchFn {
	if pattern == nil || goja.IsUndefined(pattern) {
		return func(*record) (bool, error) { return true, nil }
	}
	if s, ok := pattern.Export().(string); ok {
		return func(rec *record) (bool, error) { return !rec.binary && rec.text == s, nil }
	}
	obj, isObj := pattern.(*goja.Object)
	if isObj && obj.ClassName() == "RegExp" {
		test, _ := goja.AssertFunction(obj.Get("test"))
		return func(rec *record) (bool, error) {
			if rec.binary {
				return false, nil
			}
			if obj.Get("global").ToBoolean() || obj.Get("sticky").ToBoolean() {
				if err := obj.Set("lastIndex", 0); err != nil {
					return false, err
				}
			}
			v, err := test(obj, m.vm.ToValue(rec.text))
			return err == nil && v.ToBoolean(), err
		}
	}
	if isObj && !m.opts.Matcher.IsAsymmetric(obj) {
		if fn, ok := goja.AssertFunction(obj); ok {
			return func(rec *record) (bool, error) {
				v, err := fn(goja.Undefined(), rec.value())
				if err != nil {
					return false, err
				}
				if m.isThenable(v) { // always truthy: it would match every message
					return false, errAsyncMatcher
				}
				return v.ToBoolean(), nil
			}
		}
	}
	// A plain object or array matches parsed messages only: a binary frame is a Uint8Array,
	// which {} or { 0: 104 } matched as toMatchObject does. Bytes (a typed array, as wsrun
	// record writes) match a binary frame of the same bytes. (rec.from is nil for an inbox's
	// items, which are binary when they are not strings, and do match objects.)
	_, bytesPattern := m.binaryOf(pattern)
	plain := isObj && !m.opts.Matcher.IsAsymmetric(obj) && !bytesPattern
	return func(rec *record) (bool, error) {
		if plain && rec.binary && rec.from != nil {
			return false, nil
		}
		return m.opts.Matcher.Matches(pattern, rec.value())
	}
}
