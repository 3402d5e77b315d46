package ws

import (
	"time"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/argcheck"
)

// Internal returns the module "wsrun/internal", for wsrun's embedded protocol modules, not
// for users: { inbox, operation, utf8Length } and the argument checks of internalcheck.go,
// { options, need, closest, describe }.
func (m *Module) Internal() *goja.Object {
	o := m.vm.NewObject()
	_ = o.Set("inbox", m.newInbox)
	_ = o.Set("operation", m.operation)
	_ = o.Set("options", m.internalOptions)
	_ = o.Set("need", m.internalNeed)
	_ = o.Set("closest", m.internalClosest)
	_ = o.Set("describe", m.internalDescribe)
	_ = o.Set("utf8Length", m.utf8Length)
	return o
}

// operation(name, protocol) starts a clock on Go's monotonic time and returns done(), which
// records one sample of name under protocol through Options.OnOperation. Only the first call
// of done counts: an operation completes once.
func (m *Module) operation(call goja.FunctionCall) goja.Value {
	name, protocol := call.Argument(0), call.Argument(1)
	argcheck.Need(m.vm, name, argcheck.String, "operation", "name")
	argcheck.Need(m.vm, protocol, argcheck.String, "operation", "protocol")
	if name.String() == "" || protocol.String() == "" {
		argcheck.Throw(m.vm, "operation: name and protocol must not be empty, got %s and %s", argcheck.Describe(name), argcheck.Describe(protocol))
	}
	start := time.Now()
	done := false
	return m.vm.ToValue(func(goja.FunctionCall) goja.Value {
		if !done {
			done = true
			if m.opts.OnOperation != nil {
				m.opts.OnOperation(name.String(), protocol.String(), time.Since(start))
			}
		}
		return goja.Undefined()
	})
}

// utf8Length(s) is the number of bytes s takes when sent in a text frame: UTF-8, a surrogate
// pair 4, a lone surrogate 3 (it goes as U+FFFD, as goja converts it). Counted over the
// UTF-16 units in place, without building the UTF-8 copy: STOMP's content-length and framing
// and Socket.IO's maxPayload check need it for bodies of several MiB.
func (m *Module) utf8Length(call goja.FunctionCall) goja.Value {
	v := call.Argument(0)
	argcheck.Need(m.vm, v, argcheck.String, "utf8Length", "s")
	s := v.(goja.String)
	n, size := 0, s.Length()
	for i := 0; i < size; i++ {
		c := s.CharAt(i)
		switch {
		case c < 0x80:
			n++
		case c < 0x800:
			n += 2
		case c >= 0xd800 && c < 0xdc00 && i+1 < size && s.CharAt(i+1) >= 0xdc00 && s.CharAt(i+1) < 0xe000:
			n += 4
			i++
		default:
			n += 3
		}
	}
	return m.vm.ToValue(n)
}
