package ws

import (
	"slices"
	"strings"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/argcheck"
)

// handler is one on()/once() registration.
type handler struct {
	event string  // an event name; "message" for matcher handlers
	match matchFn // nil, or the messages the handler runs for
	fn    goja.Callable
	key   goja.Value // the function as given, for off(event, fn)
	once  bool
	off   bool
}

// on registers a handler and returns off(). It takes (event, handler), ('message', matcher,
// handler) or (matcher, handler), where a matcher is anything but a string: a bare string is
// always an event name, so a misspelt one throws instead of quietly matching text frames.
// fn names the method for messages ("on" or "once").
func (c *conn) on(fn string, call goja.FunctionCall, once bool) goja.Value {
	vm := c.m.vm
	target, fnV := call.Argument(0), call.Argument(1)
	h := &handler{event: "message", once: once}
	if goja.IsString(target) {
		h.event = argcheck.OneOf(vm, target, eventNames, fn, "event")
		if len(call.Arguments) > 2 {
			if h.event != "message" {
				argcheck.Throw(vm, "%s: only 'message' takes a matcher, as in %s('message', matcher, handler); %s('%s', handler) takes two arguments", fn, fn, fn, h.event)
			}
			h.match, fnV = c.m.compile(call.Argument(1)), call.Argument(2)
		}
	} else {
		if _, isObj := target.(*goja.Object); !isObj {
			argcheck.Throw(vm, "%s: the first argument must be an event (%s) or a matcher (an object, array, RegExp, function or asymmetric matcher), got %s",
				fn, "'"+strings.Join(eventNames, "', '")+"'", argcheck.Describe(target))
		}
		h.match = c.m.compile(target)
	}
	f, ok := goja.AssertFunction(fnV)
	if !ok {
		argcheck.Throw(vm, "%s: handler must be a function, got %s", fn, argcheck.Describe(fnV))
	}
	h.fn, h.key = f, fnV
	c.handlers = append(c.handlers, h)
	return vm.ToValue(func() { c.removeHandler(h) })
}

// removeHandler takes h out of c.handlers into a new slice, never in place: dispatch and emit
// range over the slice they started with, without a copy per message.
func (c *conn) removeHandler(h *handler) {
	h.off = true
	for i, x := range c.handlers {
		if x == h {
			c.handlers = slices.Delete(slices.Clone(c.handlers), i, i+1)
			return
		}
	}
}

// off(event, fn) removes the handlers registered for that event (matcher handlers are
// 'message' handlers) and function; off(matcher, fn) removes the matcher handlers of fn.
func (c *conn) offByKey(target, fnV goja.Value) {
	event := ""
	if goja.IsString(target) {
		event = argcheck.OneOf(c.m.vm, target, eventNames, "off", "event")
	}
	if _, ok := goja.AssertFunction(fnV); !ok {
		argcheck.Throw(c.m.vm, "off: handler must be the function given to on(), got %s", argcheck.Describe(fnV))
	}
	for _, h := range append([]*handler(nil), c.handlers...) {
		if h.key.SameAs(fnV) && (h.event == event || (event == "" && h.match != nil)) {
			c.removeHandler(h)
		}
	}
}

// dispatch runs the message handlers and the matcher handlers that match rec. One that throws
// does not keep the message from the others (and from the expects waiting for it): its error,
// the first one, is returned after all ran. The engine may go on running the test after it
// (an error a handler left by an earlier test threw, runtime/engine/late.go).
func (c *conn) dispatch(rec *record) error {
	var first error
	// Handlers added meanwhile wait for the next message (on appends past this slice's
	// length); removed ones are marked off (removeHandler never edits this slice).
	for _, h := range c.handlers {
		if h.off {
			continue
		}
		if h.event != "message" {
			continue
		}
		if h.match != nil {
			ok, err := h.match(rec)
			if err != nil {
				if first == nil {
					first = err
				}
				continue
			}
			if !ok {
				continue
			}
		}
		if err := c.call(h, rec.value()); err != nil {
			if first == nil {
				first = err
			}
		}
	}
	return first
}

// emit runs the handlers of a non-message event; as in dispatch, all of them.
func (c *conn) emit(event string, arg goja.Value) error {
	var first error
	for _, h := range c.handlers { // as in dispatch
		if !h.off && h.event == event {
			if err := c.call(h, arg); err != nil {
				if first == nil {
					first = err
				}
			}
		}
	}
	return first
}

func (c *conn) call(h *handler, arg goja.Value) error {
	if h.once {
		c.removeHandler(h)
	}
	// goja copies the arguments onto its own stack, so one array per connection serves
	// every call: a variadic argument would be an allocation per message.
	c.arg[0] = arg
	_, err := h.fn(c.obj, c.arg[:]...)
	c.arg[0] = nil
	return err
}
