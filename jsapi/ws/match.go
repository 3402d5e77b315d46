package ws

import (
	"github.com/dop251/goja"
)

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
//     the parsed message, as toMatchObject does.
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
				return v.ToBoolean(), nil
			}
		}
	}
	return func(rec *record) (bool, error) {
		return m.opts.Matcher.Matches(pattern, rec.value())
	}
}
