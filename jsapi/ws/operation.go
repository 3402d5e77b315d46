package ws

import (
	"time"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/argcheck"
)

// Internal returns the module "wsrun/internal", for wsrun's embedded protocol modules, not
// for users: { inbox, operation } and the argument checks of internalcheck.go, { options,
// need, closest, describe }.
func (m *Module) Internal() *goja.Object {
	o := m.vm.NewObject()
	_ = o.Set("inbox", m.newInbox)
	_ = o.Set("operation", m.operation)
	_ = o.Set("options", m.internalOptions)
	_ = o.Set("need", m.internalNeed)
	_ = o.Set("closest", m.internalClosest)
	_ = o.Set("describe", m.internalDescribe)
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
