package argcheck

import (
	"reflect"
	"strconv"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// promiseType is what ExportType says of a promise; Export would build a Go map of every
// other object.
var promiseType = reflect.TypeOf((*goja.Promise)(nil))

// Promise returns v as a native promise, if it is one: what a script's callback returned.
// Test it with this, not with Export: Export of any other object reads all its properties,
// running its getters, and one that throws is a Go panic. (A promise's ClassName is "Object".)
func Promise(v goja.Value) (*goja.Promise, bool) {
	if v == nil || v.ExportType() != promiseType {
		return nil, false
	}
	p, ok := v.Export().(*goja.Promise)
	return p, ok
}

var boolType = reflect.TypeOf(true)

// isBool reports whether v is true or false. ExportType, unlike Export, neither copies an
// object nor runs its getters.
func isBool(v goja.Value) bool { return v.ExportType() == boolType }

// Describe names a value for a message: "the number 4001", "the string \"x\"", "undefined",
// "an array", "a function". It never runs script code (no getters, no toString), so it is
// safe on any value.
func Describe(v goja.Value) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return "undefined"
	case goja.IsNull(v):
		return "null"
	case goja.IsNumber(v):
		return "the number " + v.String()
	case goja.IsString(v):
		return "the string " + strconv.Quote(clip(v.String(), 40))
	case goja.IsBigInt(v):
		return "the bigint " + v.String() + "n"
	}
	if isBool(v) {
		return "the boolean " + v.String()
	}
	o, ok := v.(*goja.Object)
	if !ok {
		return "a symbol"
	}
	if _, isFn := goja.AssertFunction(o); isFn {
		return "a function"
	}
	if o.ExportType() == promiseType {
		return "a promise (missing await?)"
	}
	switch o.ClassName() {
	case "Array":
		return "an array"
	case "RegExp":
		return "a RegExp"
	}
	return "an object"
}

// clip shortens s to at most n runes.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
