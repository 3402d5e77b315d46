package console

import (
	"testing"

	"github.com/dop251/goja"
)

// TestInspectHostileValues: values whose traps, getters or toString throw are shown as far as
// they can be, and Inspect never throws or panics.
func TestInspectHostileValues(t *testing.T) {
	cases := map[string]struct{ src, want string }{
		"revoked proxy":   {`const r = Proxy.revocable({}, {}); r.revoke(); r.proxy`, "<Revoked Proxy>"},
		"throwing trap":   {`new Proxy({ a: 1 }, { get() { throw new Error('trap') } })`, "{ a: 1 }"},
		"proxy in object": {`({ p: new Proxy([1], {}) })`, "{ p: [ 1 ] }"},
		"throwing getter": {`({ get a() { throw new Error('no') } })`, "[object Object]"},
		"symbol":          {`Symbol('x')`, "Symbol(x)"},
		"symbol in array": {`[Symbol('x'), Symbol()]`, "[ Symbol(x), Symbol() ]"},
		"cyclic":          {`const o = { a: 1 }; o.self = o; o`, "{ a: 1, self: [Circular] }"},
		"null prototype":  {`Object.create(null)`, "{}"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			vm := goja.New()
			v, err := vm.RunString(c.src)
			if err != nil {
				t.Fatal(err)
			}
			if got := Inspect(vm, v); got != c.want {
				t.Errorf("Inspect = %q, want %q", got, c.want)
			}
		})
	}
}

// TestLogSymbol: a Symbol at the top level of console.log prints as Symbol(x), not as its bare
// description.
func TestLogSymbol(t *testing.T) {
	vm := goja.New()
	v, _ := vm.RunString(`Symbol('x')`)
	if got := top(vm, v); got != "Symbol(x)" {
		t.Errorf("got %q", got)
	}
}

// TestLogHostileValues: console.log shows a value whose getters or traps throw as Inspect does,
// first or later, bare or under %s, instead of throwing the getter's error into the script.
func TestLogHostileValues(t *testing.T) {
	vm := goja.New()
	v, err := vm.RunString(`[({ get a() { throw new Error('no') } }), new String('s'), Symbol('x'), 'text']`)
	if err != nil {
		t.Fatal(err)
	}
	var args []goja.Value
	_ = vm.ExportTo(v, &args)
	for _, tc := range []struct {
		args []goja.Value
		want string
	}{
		{args[:1], "[object Object]"},
		{[]goja.Value{args[3], args[0]}, "text [object Object]"},
		{[]goja.Value{vm.ToValue("got %s"), args[0]}, "got [object Object]"},
		{args[1:2], "String { '0': 's' }"},
		{args[2:3], "Symbol(x)"},
		{args[3:], "text"},
	} {
		var got string
		if ex := vm.Try(func() { got = Format(vm, tc.args) }); ex != nil {
			t.Errorf("Format(%v) threw %v", tc.args, ex)
		} else if got != tc.want {
			t.Errorf("Format(%v) = %q, want %q", tc.args, got, tc.want)
		}
	}
}

// TestInspectBytes: a Uint8Array is shown by its bytes, at the top and nested; other typed
// arrays and plain arrays are not.
func TestInspectBytes(t *testing.T) {
	vm := goja.New()
	for src, want := range map[string]string{
		`new Uint8Array([1, 2, 255])`:     "Uint8Array(3) [ 1, 2, 255 ]",
		`({ data: new Uint8Array([7]) })`: "{ data: Uint8Array(1) [ 7 ] }",
		`[1, 2]`:                          "[ 1, 2 ]",
	} {
		v, err := vm.RunString(src)
		if err != nil {
			t.Fatal(err)
		}
		if got := Inspect(vm, v); got != want {
			t.Errorf("Inspect(%s) = %q, want %q", src, got, want)
		}
	}
}
