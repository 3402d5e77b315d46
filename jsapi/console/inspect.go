package console

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

const (
	maxDepth = 4   // nesting shown before "[Object]"
	maxItems = 100 // array elements / keys shown before "... N more"
)

// Inspect renders a value readably, close to Node's util.inspect: { a: 1, b: 'x' }, [ 1, 2 ],
// [Function: f], Map(1) { 'k' => 1 }, Uint8Array(3) [ 1, 2, 3 ], errors with their stack.
// Loop goroutine only.
func Inspect(vm *goja.Runtime, v goja.Value) string {
	in := inspector{vm: vm, seen: map[*goja.Object]bool{}}
	return in.value(v, 0)
}

type inspector struct {
	vm   *goja.Runtime
	seen map[*goja.Object]bool
}

func (in *inspector) value(v goja.Value, depth int) string {
	if v == nil || goja.IsUndefined(v) {
		return "undefined"
	}
	if goja.IsNull(v) {
		return "null"
	}
	switch x := v.Export().(type) {
	case string:
		if depth == 0 {
			return x
		}
		return quote(x)
	case bool, int64, float64:
		return v.String()
	}
	obj, ok := v.(*goja.Object)
	if !ok {
		return v.String() // symbols, bigints
	}
	if in.seen[obj] {
		return "[Circular]"
	}
	in.seen[obj] = true
	defer delete(in.seen, obj)
	return in.object(obj, depth)
}

func (in *inspector) object(obj *goja.Object, depth int) string {
	switch obj.ClassName() {
	case "Function":
		name := obj.Get("name").String()
		if name == "" {
			return "[Function (anonymous)]"
		}
		return "[Function: " + name + "]"
	case "Error":
		if s := obj.Get("stack"); s != nil && !goja.IsUndefined(s) {
			return s.String()
		}
		return obj.String()
	case "Date", "RegExp":
		return obj.String()
	}
	if b, ok := obj.Export().([]byte); ok {
		return fmt.Sprintf("Uint8Array(%d) %s", len(b), bytesList(b))
	}
	if depth >= maxDepth {
		if in.vm.InstanceOf(obj, in.vm.Get("Array").ToObject(in.vm)) {
			return "[Array]"
		}
		return "[Object]"
	}
	if ctor := in.ctorName(obj); ctor == "Map" || ctor == "Set" {
		return in.collection(obj, ctor, depth)
	}
	if in.vm.InstanceOf(obj, in.vm.Get("Array").ToObject(in.vm)) {
		return in.array(obj, depth)
	}
	return in.plain(obj, depth)
}

func (in *inspector) ctorName(obj *goja.Object) string {
	c, ok := obj.Get("constructor").(*goja.Object)
	if !ok {
		return ""
	}
	return c.Get("name").String()
}

func (in *inspector) array(obj *goja.Object, depth int) string {
	n := int(obj.Get("length").ToInteger())
	parts := make([]string, 0, min(n, maxItems)+1)
	for i := 0; i < n && i < maxItems; i++ {
		parts = append(parts, in.value(obj.Get(strconv.Itoa(i)), depth+1))
	}
	if n > maxItems {
		parts = append(parts, fmt.Sprintf("... %d more items", n-maxItems))
	}
	return wrap("[ ", parts, " ]")
}

func (in *inspector) plain(obj *goja.Object, depth int) string {
	keys := obj.Keys()
	parts := make([]string, 0, len(keys))
	for i, k := range keys {
		if i == maxItems {
			parts = append(parts, fmt.Sprintf("... %d more keys", len(keys)-maxItems))
			break
		}
		parts = append(parts, key(k)+": "+in.value(obj.Get(k), depth+1))
	}
	prefix := ""
	if c := in.ctorName(obj); c != "" && c != "Object" {
		prefix = c + " "
	}
	if len(parts) == 0 {
		return prefix + "{}"
	}
	return prefix + wrap("{ ", parts, " }")
}

// collection prints a Map or Set through its own iteration, via a small JS helper.
func (in *inspector) collection(obj *goja.Object, kind string, depth int) string {
	entries, ok := goja.AssertFunction(in.vm.Get("Array").ToObject(in.vm).Get("from"))
	if !ok {
		return kind + " {}"
	}
	arr, err := entries(goja.Undefined(), obj)
	if err != nil {
		return kind + " {}"
	}
	items := arr.ToObject(in.vm)
	n := int(items.Get("length").ToInteger())
	parts := make([]string, 0, n)
	for i := 0; i < n && i < maxItems; i++ {
		item := items.Get(strconv.Itoa(i))
		if kind == "Map" {
			pair := item.ToObject(in.vm)
			parts = append(parts, in.value(pair.Get("0"), depth+1)+" => "+in.value(pair.Get("1"), depth+1))
		} else {
			parts = append(parts, in.value(item, depth+1))
		}
	}
	if len(parts) == 0 {
		return fmt.Sprintf("%s(0) {}", kind)
	}
	return fmt.Sprintf("%s(%d) %s", kind, n, wrap("{ ", parts, " }"))
}

func wrap(open string, parts []string, close string) string {
	if len(parts) == 0 {
		return strings.TrimSpace(open) + strings.TrimSpace(close)
	}
	return open + strings.Join(parts, ", ") + close
}

func key(k string) string {
	for i, r := range k {
		if !(r == '_' || r == '$' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return quote(k)
		}
	}
	if k == "" {
		return "''"
	}
	return k
}

func quote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, "'", `\'`, "\n", `\n`).Replace(s) + "'"
}

func bytesList(b []byte) string {
	parts := make([]string, 0, min(len(b), maxItems))
	for i, c := range b {
		if i == maxItems {
			parts = append(parts, fmt.Sprintf("... %d more items", len(b)-maxItems))
			break
		}
		parts = append(parts, strconv.Itoa(int(c)))
	}
	return wrap("[ ", parts, " ]")
}
