package ws

import (
	"reflect"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/runtime/eventloop"
)

// jsHelpers are JS built-ins the module calls often, looked up once.
type jsHelpers struct {
	jsonParse     goja.Callable
	jsonStringify goja.Callable
	uint8Array    goja.Value
	arrayBuffer   goja.Value
}

func newHelpers(vm *goja.Runtime) jsHelpers {
	json := vm.Get("JSON").ToObject(vm)
	parse, _ := goja.AssertFunction(json.Get("parse"))
	stringify, _ := goja.AssertFunction(json.Get("stringify"))
	return jsHelpers{
		jsonParse:     parse,
		jsonStringify: stringify,
		uint8Array:    vm.Get("Uint8Array"),
		arrayBuffer:   vm.Get("ArrayBuffer"),
	}
}

// readResult runs read, which reads what a script's callback returned (verify's verdict, the
// http handler's answer), on the loop, and returns a throw of a getter or a toString it ran as
// the script's error: outside a JS call, a goja exception is a Go panic, an internal error.
func (m *Module) readResult(read func()) error {
	if ex := m.vm.Try(read); ex != nil {
		return ex
	}
	return nil
}

// bytesValue makes a Uint8Array over a copy-free ArrayBuffer of b.
func (m *Module) bytesValue(b []byte) goja.Value {
	buf := m.vm.NewArrayBuffer(b)
	arr, err := m.vm.New(m.helpers.uint8Array, m.vm.ToValue(buf))
	if err != nil {
		return m.vm.ToValue(buf)
	}
	return arr
}

// binaryOf returns the bytes of an ArrayBuffer, a typed array or a DataView, if v is one.
func (m *Module) binaryOf(v goja.Value) ([]byte, bool) {
	obj, ok := v.(*goja.Object)
	if !ok {
		return nil, false
	}
	// ExportType first: Export of any other object (every object send and expect get) would
	// copy it whole into a Go map, running its getters.
	switch obj.ExportType() {
	case arrayBufferType:
		return obj.Export().(goja.ArrayBuffer).Bytes(), true
	case bytesType: // Uint8Array
		return obj.Export().([]byte), true
	}
	if buf, ok := obj.Get("buffer").(*goja.Object); ok && buf.ExportType() == arrayBufferType && obj.Get("byteLength") != nil {
		ab := buf.Export().(goja.ArrayBuffer)
		off := obj.Get("byteOffset").ToInteger()
		n := obj.Get("byteLength").ToInteger()
		return ab.Bytes()[off : off+n], true
	}
	return nil, false
}

var (
	arrayBufferType = reflect.TypeOf(goja.ArrayBuffer{})
	bytesType       = reflect.TypeOf([]byte(nil))
)

// stringify is JSON.stringify(v), for sending objects.
func (m *Module) stringify(v goja.Value) (string, error) {
	s, err := m.helpers.jsonStringify(goja.Undefined(), v)
	if err != nil {
		return "", err
	}
	if goja.IsUndefined(s) {
		return "", &eventloop.JSError{Value: m.vm.NewTypeError("cannot send %s: it has no JSON form", m.opts.Matcher.Format(v))}
	}
	return s.String(), nil
}

// optString, optInt and friends read optional fields of an options object.
func optGet(o *goja.Object, key string) goja.Value {
	if o == nil {
		return nil
	}
	v := o.Get(key)
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil
	}
	return v
}

func optString(o *goja.Object, key, def string) string {
	if v := optGet(o, key); v != nil {
		return v.String()
	}
	return def
}

func optInt(o *goja.Object, key string, def int64) int64 {
	if v := optGet(o, key); v != nil {
		return v.ToInteger()
	}
	return def
}

func optBool(o *goja.Object, key string, def bool) bool {
	if v := optGet(o, key); v != nil {
		return v.ToBoolean()
	}
	return def
}

func asObject(v goja.Value) *goja.Object {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil
	}
	o, _ := v.(*goja.Object)
	return o
}
