package ws

import (
	"strings"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/argcheck"
)

// The argument checks of wsrun/internal: the embedded protocol modules check their options
// with argcheck, so that a misuse reads the same in wsrun/socketio as in wsrun/ws (the same
// kinds, "did you mean", wording), and there is one edit distance in wsrun, not five.

// kindNames are argcheck's kinds as a module's option spec names them.
var kindNames = map[string]argcheck.Kind{
	"any":            argcheck.Any,
	"number":         argcheck.Number,
	"integer":        argcheck.Integer,
	"duration":       argcheck.Duration,
	"count":          argcheck.Count,
	"string":         argcheck.String,
	"boolean":        argcheck.Bool,
	"object":         argcheck.Object,
	"function":       argcheck.Function,
	"strings":        argcheck.Strings,
	"stringOrRegExp": argcheck.StringOrRegExp,
	"scalars":        argcheck.Scalars,
}

// internalKind returns the kind a spec names; an unknown name is a bug in the module, not the script.
func (m *Module) internalKind(fn string, v goja.Value) argcheck.Kind {
	if k, ok := kindNames[v.String()]; ok && goja.IsString(v) {
		return k
	}
	panic(m.vm.NewGoError(&internalError{fn + ": unknown kind " + argcheck.Describe(v)}))
}

type internalError struct{ msg string }

func (e *internalError) Error() string { return "wsrun/internal: " + e.msg }

// internalOptions is options(fn, opts, spec, example?): it checks opts as argcheck checks the
// options of wsrun/ws's functions and returns it, or a new empty object when opts is undefined
// or null. spec maps each option to a kind name ('duration', 'string'…) or to the array of
// strings it may be; example is the options object to show when opts is not one (default:
// the first option names).
func (m *Module) internalOptions(call goja.FunctionCall) goja.Value {
	fn := call.Argument(0)
	argcheck.Need(m.vm, fn, argcheck.String, "options", "fn")
	spec, ok := call.Argument(2).(*goja.Object)
	if !ok {
		panic(m.vm.NewGoError(&internalError{"options: spec must be an object"}))
	}
	opts := &argcheck.Options{Func: fn.String()}
	for _, name := range spec.Keys() {
		k := argcheck.Key{Name: name}
		v := spec.Get(name)
		if argcheck.Strings.Accepts(v) {
			k.Kind = argcheck.String
			_ = m.vm.ExportTo(v, &k.OneOf)
		} else {
			k.Kind = m.internalKind(fn.String(), v)
		}
		opts.Keys = append(opts.Keys, k)
	}
	if ex := call.Argument(3); goja.IsString(ex) {
		opts.Example = ex.String()
	} else {
		names := opts.Names()
		if len(names) > 3 {
			names = append(names[:3], "…")
		}
		opts.Example = "{ " + strings.Join(names, ", ") + " }"
	}
	if o := opts.Check(m.vm, call.Argument(1)); o != nil {
		return o
	}
	return m.vm.NewObject()
}

// internalNeed is need(fn, arg, value, kind): argcheck.Need, "fn: arg must be <kind>, got …".
// The kind 'connection' takes only a Connection of wsrun/ws (what inbox needs), so that each
// module's over() refuses anything else with its own name, not inbox's.
func (m *Module) internalNeed(call goja.FunctionCall) goja.Value {
	fn := call.Argument(0).String()
	if k := call.Argument(3); goja.IsString(k) && k.String() == "connection" {
		m.connOf(fn, call.Argument(2))
		return goja.Undefined()
	}
	argcheck.Need(m.vm, call.Argument(2), m.internalKind(fn, call.Argument(3)), fn, call.Argument(1).String())
	return goja.Undefined()
}

// internalClosest is closest(word, words): argcheck.Closest, the word of words that word is most
// likely a misspelling of, or the empty string.
func (m *Module) internalClosest(call goja.FunctionCall) goja.Value {
	var words []string
	if err := m.vm.ExportTo(call.Argument(1), &words); err != nil || !goja.IsString(call.Argument(0)) {
		return m.vm.ToValue("")
	}
	return m.vm.ToValue(argcheck.Closest(call.Argument(0).String(), words))
}

// internalDescribe is describe(value): argcheck.Describe, "the number 4001", "an object"…
func (m *Module) internalDescribe(call goja.FunctionCall) goja.Value {
	return m.vm.ToValue(argcheck.Describe(call.Argument(0)))
}
