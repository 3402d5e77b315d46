// Package jsonlimit keeps JSON text that nests too deeply away from goja's JSON.parse, which
// recurses once per level with no limit of its own: a string of 8 MiB of '[' (from a socket,
// a fetch body or the script itself) overflowed the goroutine's stack, a fatal error no
// recover catches, and the whole run died with exit 2 and no reports.
package jsonlimit

import (
	"fmt"

	"github.com/dop251/goja"
)

// MaxDepth is how deeply arrays and objects may nest in text that is parsed, as in Go's
// encoding/json. A variable only so that fuzz targets can lower it and keep inputs small.
var MaxDepth = 10000

// DeeperThan reports whether brackets and braces outside strings nest deeper than limit.
// It only guards JSON.parse, so it need not check the rest of the grammar. Text no longer
// than limit cannot nest deeper, so the usual case reads nothing.
func DeeperThan(data []byte, limit int) bool {
	if len(data) <= limit {
		return false
	}
	depth, inString := 0, false
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case inString && c == '\\':
			i++ // the escaped character cannot end the string
		case c == '"':
			inString = !inString
		case inString:
		case c == '[' || c == '{':
			if depth++; depth > limit {
				return true
			}
		case c == ']' || c == '}':
			depth--
		}
	}
	return false
}

// TooDeep is the message for text that nests deeper than MaxDepth.
func TooDeep() string {
	return fmt.Sprintf("nests arrays and objects deeper than %d levels, more than wsrun parses", MaxDepth)
}

// Install replaces vm's JSON.parse with one that throws a RangeError for text nesting deeper
// than MaxDepth and otherwise calls the original. Text shorter than MaxDepth cannot nest that
// deep, so the usual case costs a length check.
func Install(vm *goja.Runtime) {
	json := vm.Get("JSON").ToObject(vm)
	parse, ok := goja.AssertFunction(json.Get("parse"))
	if !ok {
		return
	}
	wrapped := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		if s, ok := call.Argument(0).(goja.String); ok && s.Length() > MaxDepth && DeeperThan([]byte(s.String()), MaxDepth) {
			rangeError, err := vm.New(vm.Get("RangeError"), vm.ToValue("JSON.parse: the text "+TooDeep()))
			if err != nil {
				panic(err)
			}
			panic(rangeError)
		}
		v, err := parse(call.This, call.Arguments...)
		if err != nil {
			panic(err)
		}
		return v
	}).ToObject(vm)
	_ = wrapped.DefineDataProperty("name", vm.ToValue("parse"), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = wrapped.DefineDataProperty("length", vm.ToValue(2), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = json.DefineDataProperty("parse", wrapped, goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE)
}
