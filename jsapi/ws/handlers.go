package ws

import (
	"github.com/dop251/goja"
)

// The event names of on(); any other first argument is a matcher.
var events = map[string]bool{"message": true, "close": true, "error": true, "ping": true, "pong": true}

// handler is one on()/once() registration.
type handler struct {
	event string  // an event name, or "" for a matcher handler
	match matchFn // for matcher handlers
	fn    goja.Callable
	key   goja.Value // the function as given, for off(event, fn)
	once  bool
	off   bool
}

// on registers fn for an event or for messages matching a matcher, and returns off().
func (c *conn) on(target, fnV goja.Value, once bool) goja.Value {
	fn, ok := goja.AssertFunction(fnV)
	if !ok {
		panic(c.m.vm.NewTypeError("%s.on(event, handler): handler must be a function", c.set.name))
	}
	h := &handler{fn: fn, key: fnV, once: once}
	if s, isStr := target.Export().(string); isStr && events[s] {
		h.event = s
	} else {
		h.match = c.m.compile(target)
	}
	c.handlers = append(c.handlers, h)
	return c.m.vm.ToValue(func() { c.removeHandler(h) })
}

func (c *conn) removeHandler(h *handler) {
	h.off = true
	for i, x := range c.handlers {
		if x == h {
			c.handlers = append(c.handlers[:i], c.handlers[i+1:]...)
			return
		}
	}
}

// off(event, fn) removes the handlers registered with that event (or matcher) and function.
func (c *conn) offByKey(target, fnV goja.Value) {
	for _, h := range append([]*handler(nil), c.handlers...) {
		if h.key.SameAs(fnV) {
			if s, ok := target.Export().(string); (ok && s == h.event) || (h.event == "" && !events[s]) {
				c.removeHandler(h)
			}
		}
	}
}

// dispatch runs the message handlers and the matcher handlers that match rec.
func (c *conn) dispatch(rec *record) error {
	if len(c.handlers) == 0 {
		return nil
	}
	for _, h := range append([]*handler(nil), c.handlers...) {
		if h.off {
			continue
		}
		if h.event == "" {
			ok, err := h.match(rec)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
		} else if h.event != "message" {
			continue
		}
		if err := c.call(h, rec.data); err != nil {
			return err
		}
	}
	return nil
}

// emit runs the handlers of a non-message event.
func (c *conn) emit(event string, arg goja.Value) error {
	for _, h := range append([]*handler(nil), c.handlers...) {
		if !h.off && h.event == event {
			if err := c.call(h, arg); err != nil {
				return err
			}
		}
	}
	return nil
}

func (c *conn) call(h *handler, arg goja.Value) error {
	if h.once {
		c.removeHandler(h)
	}
	_, err := h.fn(c.obj, arg)
	return err
}
