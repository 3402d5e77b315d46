package ws

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/dop251/goja"
)

// requestNameFields are the fields of a request's message, in order, whose value names the
// request in the latency table: the first that is a string or a number, at the top level of
// a JSON object. Those are the fields apps name their messages by ({ type: 'join' },
// { action: 'subscribe' }, { op: 2 }, { event: 'phx_join' }, JSON-RPC's method).
var requestNameFields = []string{"type", "method", "action", "op", "event"}

// requestName is the name a request made of data is timed under: the first of
// requestNameFields in the message, else "request" (binary messages, JSON that is not an
// object, objects without any of those fields). Loop goroutine.
func requestName(data goja.Value) string {
	if s, ok := data.(goja.String); ok {
		return requestNameOfText(s.String())
	}
	obj, ok := data.(*goja.Object)
	if !ok || obj.ClassName() != "Object" { // arrays, binary, class instances with toJSON
		return "request"
	}
	for _, f := range requestNameFields {
		switch v := obj.Get(f).(type) {
		case goja.String:
			return v.String()
		case nil:
		default:
			if goja.IsNumber(v) {
				return v.String()
			}
		}
	}
	return "request"
}

// requestNameOfText is requestName for a message sent as text: JSON text is read for the
// fields; other text is named "request".
func requestNameOfText(text string) string {
	if !strings.HasPrefix(strings.TrimLeft(text, " \t\r\n"), "{") {
		return "request"
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal([]byte(text), &fields) != nil {
		return "request"
	}
	for _, f := range requestNameFields {
		raw, ok := fields[f]
		if !ok {
			continue
		}
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
		var n float64
		if json.Unmarshal(raw, &n) == nil {
			return strconv.FormatFloat(n, 'f', -1, 64)
		}
	}
	return "request"
}

// timer starts timing a request of data, sent at start: the function it returns records the
// request's latency when given the arrival time of its reply. A reply that was already
// waiting in the inbox when the request was sent answers no round trip and is not recorded.
// Nil when nobody listens.
func (m *Module) timer(data goja.Value, start time.Time) func(time.Time) {
	if m.opts.OnOperation == nil {
		return nil
	}
	name := requestName(data)
	return func(end time.Time) {
		if d := end.Sub(start); d >= 0 {
			m.opts.OnOperation(name, "ws", d)
		}
	}
}
