package ws

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/jsonlimit"
)

// FuzzDecodeJSON checks the fast JSON decoder against goja's own JSON.parse, which the
// decoder stands in for: for any input, whatever the fast path accepts JSON.parse accepts
// too, with an equal value, and whatever JSON.parse refuses the fast path refuses. "Equal"
// is strict, since scripts compare with toBe and toEqual and Go code exports the values:
//
//   - scalars are Object.is-equal (so -0 is not 0) and have the same goja representation
//     (an integer where JSON.parse makes an integer, a float where it makes a float);
//   - objects have the same own keys in the same order (a duplicated key keeps its first
//     position and its last value, as in JSON.parse), with equal values;
//   - arrays have the same length and equal elements.
//
// The fast path may decline valid JSON only for what it leaves to JSON.parse on purpose:
// escapes of UTF-16 surrogates and invalid UTF-8. Nesting deeper than jsonlimit.MaxDepth is
// refused by both paths of Module.json (goja's JSON.parse would recurse without bound).
//
// Run it with: go test -fuzz FuzzDecodeJSON -fuzztime 20s ./jsapi/ws
func FuzzDecodeJSON(f *testing.F) {
	// Inputs at the depth limit are then small enough to mutate and minimize quickly; the
	// behaviour at the real limit is TestDecodeJSONMatchesJSONParse's and the binary's.
	defer func(d int) { jsonlimit.MaxDepth = d }(jsonlimit.MaxDepth)
	jsonlimit.MaxDepth = 64
	for _, s := range []string{
		`{}`, `[]`, `{"a":1,"b":[true,false,null],"c":{"d":"e"}}`, ` { "z" : 1 , "a" : 2 } `,
		`{"2":"two","1":"one","b":0}`, `"plain"`, `"esc \" \\ \/ \b \f \n \r \t"`, `"\u00e9\u4e2d"`,
		`"\ud83d\ude00"`, `"\ud83d"`, `"\ude00\ud83d"`, `"héllo wörld ✓"`, `0`, `-0`, `-0.0`, `0e5`, `-0e-5`,
		`1`, `-1`, `1.5`, `1.0`, `1e3`, `1E-3`, `-2.5e+10`, `9007199254740993`, `9007199254740992`,
		`-9007199254740993`, `9223372036854775807`, `9223372036854775808`, `-9223372036854775808`,
		`1e400`, `-1e400`, `1e-400`, `12345678901234567890`, `0.1`, `5e-324`, `1.7976931348623157e308`,
		`{"__proto__":{"x":1}}`, `{"a":1,"a":2}`, `{"a":1,"b":2,"a":3}`, `[[[[[1]]]]]`, `{"a":{"b":{"c":[1,{"d":[]}]}}}`,
		`{"type":"tick","seq":1,"pad":"xxxxxxxx"}`, "\"\u2028\u2029\"", `"\u0000"`,
		``, `{`, `[1,]`, `{"a":1,}`, `01`, `-01`, `1.`, `.5`, `+1`, `-`, `tru`, `nul`, `"abc`, "\"a\tb\"",
		`{"a" 1}`, `{a:1}`, `[1 2]`, `"\x"`, `"\u12"`, `1 2`, `{"a":1}x`, `NaN`, `Infinity`, "\xff", "\"\xff\"",
		"\xef\xbb\xbf{}", `[1,,2]`, `{,}`, `{"a":1 "b":2}`, `["a" "b"]`,
		strings.Repeat("[", jsonlimit.MaxDepth) + strings.Repeat("]", jsonlimit.MaxDepth),
		strings.Repeat("[", jsonlimit.MaxDepth+1) + strings.Repeat("]", jsonlimit.MaxDepth+1),
		strings.Repeat(`{"a":`, jsonlimit.MaxDepth+1) + "1" + strings.Repeat("}", jsonlimit.MaxDepth+1),
		`["\ud800",` + strings.Repeat("[", 4*jsonlimit.MaxDepth),
		`{"a":"\ud800","b":` + strings.Repeat(`{"a":`, jsonlimit.MaxDepth) + "1" + strings.Repeat("}", jsonlimit.MaxDepth+1),
	} {
		f.Add([]byte(s))
	}
	surrogateEscape := regexp.MustCompile(`\\u[dD][89abcdefABCDEF]`)
	f.Fuzz(func(t *testing.T, data []byte) {
		if jsonlimit.DeeperThan(data, jsonlimit.MaxDepth) {
			// Module.json refuses it before JSON.parse, which has no depth limit; the fast
			// decoder must refuse it too.
			vm := goja.New()
			if v, err := decodeJSON(vm, string(data)); err == nil {
				t.Fatalf("decodeJSON accepted %d bytes nested deeper than %d: %v", len(data), jsonlimit.MaxDepth, v)
			}
			m := &Module{vm: vm, helpers: newHelpers(vm)}
			if _, err := m.json(string(data)); err == nil || !strings.Contains(err.Error(), "deeper than") {
				t.Fatalf("Module.json of input nested too deep: %v", err)
			}
			return
		}
		vm := goja.New()
		parse, _ := goja.AssertFunction(vm.Get("JSON").ToObject(vm).Get("parse"))
		want, perr := parse(goja.Undefined(), vm.ToValue(string(data)))
		got, ferr := decodeJSON(vm, string(data))
		switch {
		case ferr == nil && perr != nil:
			t.Fatalf("decodeJSON(%q) = %v, but JSON.parse throws %v", data, got, perr)
		case ferr == nil:
			if why := jsonDiff(got, want, "value"); why != "" {
				t.Fatalf("decodeJSON(%q) differs from JSON.parse: %s", data, why)
			}
		case perr == nil && utf8.Valid(data) && !surrogateEscape.Match(data):
			t.Fatalf("decodeJSON(%q) declined valid JSON that JSON.parse reads as %v", data, want)
		}
	})
}

// jsonDiff describes the first difference between two decoded values, or returns "".
func jsonDiff(got, want goja.Value, at string) string {
	gotObj, gIsObj := got.(*goja.Object)
	wantObj, wIsObj := want.(*goja.Object)
	if gIsObj != wIsObj {
		return at + ": object vs non-object"
	}
	if !gIsObj {
		if !got.SameAs(want) || got.ExportType() != want.ExportType() {
			return at + ": " + scalar(got) + " vs " + scalar(want)
		}
		return ""
	}
	if gotObj.ClassName() != wantObj.ClassName() {
		return at + ": " + gotObj.ClassName() + " vs " + wantObj.ClassName()
	}
	gk, wk := gotObj.Keys(), wantObj.Keys()
	if len(gk) != len(wk) || strings.Join(gk, "\x00") != strings.Join(wk, "\x00") {
		return at + ": keys " + strings.Join(gk, ",") + " vs " + strings.Join(wk, ",")
	}
	if gotObj.Prototype() == nil || wantObj.Prototype() == nil || gotObj.Prototype().ClassName() != wantObj.Prototype().ClassName() {
		return at + ": prototypes differ"
	}
	for _, k := range gk {
		if d := jsonDiff(gotObj.Get(k), wantObj.Get(k), at+"["+k+"]"); d != "" {
			return d
		}
	}
	return ""
}

// scalar shows a decoded scalar with its Go type, -0 as -0.
func scalar(v goja.Value) string {
	if f, ok := v.Export().(float64); ok {
		return strconv.FormatFloat(f, 'g', -1, 64) + " (float64)"
	}
	return fmt.Sprintf("%v (%v)", v, v.ExportType())
}
