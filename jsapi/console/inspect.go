package console

import (
	"fmt"
	"reflect"
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
// A value whose getters, proxy traps or toString throw is shown as far as it can be, and
// as Brief gives it where it cannot: Inspect never throws.
func Inspect(vm *goja.Runtime, v goja.Value) string {
	in := inspector{vm: vm, seen: map[*goja.Object]bool{}}
	return in.value(v, 0)
}

var (
	proxyType = reflect.TypeOf(goja.Proxy{})
	bytesType = reflect.TypeOf([]byte(nil))
)

// Brief describes v without running any script code, so it cannot throw: a primitive as
// itself, Symbol(x), and an object as [object Proxy], [object Error], [object Object]. It is
// the last resort for values that cannot be shown otherwise. Any goroutine that owns v's VM.
func Brief(v goja.Value) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return "undefined"
	case goja.IsNull(v):
		return "null"
	}
	obj, ok := v.(*goja.Object)
	if !ok {
		if _, sym := v.(*goja.Symbol); sym {
			return "Symbol(" + strings.TrimSuffix(strings.TrimPrefix(v.String(), "Symbol("), ")") + ")"
		}
		return v.String() // a primitive's String never calls script code
	}
	if obj.ExportType() == proxyType {
		return "[object Proxy]"
	}
	return "[object " + obj.ClassName() + "]"
}

// guarded returns what show returns, or Brief(v) when show throws.
func (in *inspector) guarded(v goja.Value, show func() string) (s string) {
	if ex := in.vm.Try(func() { s = show() }); ex != nil {
		return Brief(v)
	}
	return s
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
	obj, ok := v.(*goja.Object)
	if _, sym := v.(*goja.Symbol); !ok && !sym {
		if x, ok := v.Export().(string); ok { // a primitive exports without calling script code
			if depth == 0 {
				return x
			}
			return quote(x)
		}
		return Brief(v) // numbers, booleans, bigints
	}
	if !ok {
		return Brief(v) // symbols
	}
	if obj.ExportType() == proxyType {
		// As Node does: the target, since the traps are script code; a revoked proxy
		// throws at anything.
		if target := obj.Export().(goja.Proxy).Target(); target != nil {
			return in.value(target, depth)
		}
		return "<Revoked Proxy>"
	}
	if in.seen[obj] {
		return "[Circular]"
	}
	in.seen[obj] = true
	defer delete(in.seen, obj)
	return in.guarded(obj, func() string { return in.object(obj, depth) })
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
	if obj.ExportType() == bytesType { // asked first: Export copies any other object whole
		b := obj.Export().([]byte)
		return fmt.Sprintf("Uint8Array(%d) %s", len(b), bytesList(b))
	}
	if depth >= maxDepth {
		if in.vm.InstanceOf(obj, in.vm.Get("Array").ToObject(in.vm)) {
			return "[Array]"
		}
		return "[Object]"
	}
	switch ctor := in.ctorName(obj); ctor {
	case "Map", "Set":
		return in.collection(obj, ctor, depth)
	case "URL": // its parts are prototype getters, which plain does not show
		if href := obj.Get("href"); href != nil && goja.IsString(href) {
			return "URL { href: " + quote(href.String()) + " }"
		}
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
