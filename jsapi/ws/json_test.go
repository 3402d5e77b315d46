package ws

import (
	"strings"
	"testing"

	"github.com/dop251/goja"
)

// TestDecodeJSONMatchesJSONParse compares the fast decoder with goja's JSON.parse: the same
// value (as JSON.stringify renders it, key order included, and by Object.is for scalars), or
// a refusal where JSON.parse throws.
func TestDecodeJSONMatchesJSONParse(t *testing.T) {
	inputs := []string{
		`{}`, `[]`, `{"a":1,"b":[true,false,null],"c":{"d":"e"}}`, ` { "z" : 1 , "a" : 2 } `,
		`{"2":"two","1":"one","b":0}`, `"plain"`, `"esc \" \\ \/ \b \f \n \r \t"`, `"\u00e9\u4e2d"`,
		`"\ud83d\ude00"`, `"héllo wörld ✓"`, `0`, `-0`, `1`, `-1`, `1.5`, `1e3`, `1E-3`, `-2.5e+10`,
		`9007199254740993`, `1e400`, `-1e400`, `1e-400`, `12345678901234567890`, `0.1`,
		`{"__proto__":{"x":1}}`, `[[[[[1]]]]]`, `{"a":{"b":{"c":[1,{"d":[]}]}}}`,
		`{"type":"tick","seq":1,"pad":"xxxxxxxx"}`,
	}
	invalid := []string{
		``, `{`, `[1,]`, `{"a":1,}`, `01`, `1.`, `.5`, `+1`, `-`, `tru`, `nul`, `"abc`, "\"a\tb\"",
		`{"a" 1}`, `{a:1}`, `[1 2]`, `"\x"`, `"\u12"`, `1 2`, `{"a":1}x`, `NaN`, `Infinity`,
	}
	vm := goja.New()
	parse, _ := goja.AssertFunction(vm.Get("JSON").ToObject(vm).Get("parse"))
	stringify, _ := goja.AssertFunction(vm.Get("JSON").ToObject(vm).Get("stringify"))
	show := func(v goja.Value) string {
		s, _ := stringify(goja.Undefined(), v)
		return s.String()
	}
	for _, in := range inputs {
		want, err := parse(goja.Undefined(), vm.ToValue(in))
		if err != nil { // goja refuses some valid JSON (1e400): the fast path must refuse it too
			if v, ferr := decodeJSON(vm, in); ferr == nil {
				t.Errorf("decodeJSON(%q) = %v, but JSON.parse throws %v", in, v, err)
			}
			continue
		}
		got, err := decodeJSON(vm, in)
		if err != nil {
			t.Errorf("decodeJSON(%q) refused valid JSON", in)
			continue
		}
		if show(got) != show(want) {
			t.Errorf("decodeJSON(%q) = %s, JSON.parse gives %s", in, show(got), show(want))
		}
		if _, isObj := want.(*goja.Object); !isObj && !got.SameAs(want) {
			t.Errorf("decodeJSON(%q) = %v, not Object.is the same as JSON.parse's %v", in, got, want)
		}
	}
	for _, in := range invalid {
		if _, err := parse(goja.Undefined(), vm.ToValue(in)); err == nil {
			t.Fatalf("JSON.parse(%q) accepted it; the case is wrong", in)
		}
		if v, err := decodeJSON(vm, in); err == nil {
			t.Errorf("decodeJSON(%q) = %v, want a refusal", in, v)
		}
	}
	// __proto__ is an own property, not the prototype.
	v, _ := decodeJSON(vm, `{"__proto__":{"x":1}}`)
	if keys := v.(*goja.Object).Keys(); strings.Join(keys, ",") != "__proto__" {
		t.Errorf("keys = %v", keys)
	}
	// Deep nesting is refused rather than recursing without bound.
	deep := strings.Repeat("[", 20000) + strings.Repeat("]", 20000)
	if _, err := decodeJSON(vm, deep); err == nil {
		t.Error("20000 levels accepted")
	}
}

func BenchmarkDecodeJSON(b *testing.B) {
	vm := goja.New()
	frame := []byte(`{"type":"tick","seq":12345,"pad":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}`)
	parse, _ := goja.AssertFunction(vm.Get("JSON").ToObject(vm).Get("parse"))
	text := vm.ToValue(string(frame))
	b.Run("JSON.parse", func(b *testing.B) {
		for b.Loop() {
			_, _ = parse(goja.Undefined(), text)
		}
	})
	b.Run("decodeJSON", func(b *testing.B) {
		frame := string(frame)
		for b.Loop() {
			_, _ = decodeJSON(vm, frame)
		}
	})
}
