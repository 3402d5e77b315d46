// Package console provides the console global. Output is not printed: each call is handed to
// a Sink; the engine's adds it to the running test's output, to be shown with its result.
// Every function runs on the loop goroutine.
package console

import (
	"strconv"
	"strings"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/modules"
)

// Sink receives one formatted console call. It runs on the loop goroutine.
type Sink func(level, text string)

// console is the console of one VM.
type console struct {
	vm   *goja.Runtime
	sink Sink
}

// Module is the console of one VM; its exports are { console }, which the engine makes a
// global and an export of "wsrun".
type Module struct{ Sink Sink }

// Instantiate returns { console }.
func (m Module) Instantiate(vu modules.VU) (goja.Value, error) {
	vm := vu.VM()
	c := &console{vm: vm, sink: m.Sink}
	obj := vm.NewObject()
	for _, level := range []string{"log", "info", "warn", "error", "debug"} {
		_ = obj.Set(level, c.method(level))
	}
	_ = obj.Set("trace", c.method("debug"))
	exports := vm.NewObject()
	_ = exports.Set("console", obj)
	return exports, nil
}

func (c *console) method(level string) func(goja.FunctionCall) goja.Value {
	return func(call goja.FunctionCall) goja.Value {
		if c.sink != nil {
			c.sink(level, Format(c.vm, call.Arguments))
		}
		return goja.Undefined()
	}
}

// Format renders console arguments as Node does: printf-style directives in a leading string
// (%s %d %i %f %j %o %O %c %%), then the remaining arguments inspected, joined by spaces.
func Format(vm *goja.Runtime, args []goja.Value) string {
	if len(args) == 0 {
		return ""
	}
	var b strings.Builder
	rest := args
	if s, ok := primitiveString(args[0]); ok && strings.Contains(s, "%") {
		rest = args[1:]
		for i := 0; i < len(s); i++ {
			if s[i] != '%' || i+1 == len(s) {
				b.WriteByte(s[i])
				continue
			}
			verb := s[i+1]
			if verb == '%' {
				b.WriteByte('%')
				i++
				continue
			}
			if !strings.ContainsRune("sdifjoOc", rune(verb)) || len(rest) == 0 {
				b.WriteByte(s[i])
				continue
			}
			arg := rest[0]
			rest = rest[1:]
			i++
			switch verb {
			case 's':
				if str, ok := primitiveString(arg); ok {
					b.WriteString(str)
				} else {
					b.WriteString(Inspect(vm, arg))
				}
			case 'd', 'i':
				f := arg.ToFloat()
				if verb == 'i' || f == float64(int64(f)) {
					b.WriteString(strconv.FormatInt(int64(f), 10))
				} else {
					b.WriteString(arg.ToNumber().String())
				}
			case 'f':
				b.WriteString(arg.ToNumber().String())
			case 'j':
				b.WriteString(jsonString(vm, arg))
			case 'o', 'O':
				b.WriteString(Inspect(vm, arg))
			case 'c': // CSS has no meaning in a terminal
			}
		}
	} else {
		b.WriteString(top(vm, args[0]))
		rest = args[1:]
	}
	for _, a := range rest {
		b.WriteByte(' ')
		b.WriteString(top(vm, a))
	}
	return b.String()
}

// top prints strings bare and everything else inspected.
func top(vm *goja.Runtime, v goja.Value) string {
	if s, ok := primitiveString(v); ok {
		return s
	}
	return Inspect(vm, v)
}

// primitiveString returns v's text if v is a string primitive. It never calls script code,
// unlike Export, which copies a whole object (running its getters) only to find that it is
// not a string, and which gives a Symbol's bare description.
func primitiveString(v goja.Value) (string, bool) {
	if goja.IsString(v) {
		return v.String(), true
	}
	return "", false
}

func jsonString(vm *goja.Runtime, v goja.Value) string {
	b, err := v.ToObject(vm).MarshalJSON()
	if err != nil {
		return "[Circular]"
	}
	return string(b)
}
