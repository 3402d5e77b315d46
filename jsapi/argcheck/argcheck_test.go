package argcheck

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"
)

func TestClosest(t *testing.T) {
	known := []string{"message", "close", "error", "ping", "pong"}
	for _, tc := range []struct{ word, want string }{
		{"mesage", "message"},
		{"Message", "message"},
		{"messgae", "message"}, // a swap is one edit
		{"clsoe", "close"},
		{"pnog", "pong"},
		{"png", "ping"}, // a tie goes to the earlier word
		{"data", ""},
		{"m", ""},
		{"", ""},
	} {
		if got := Closest(tc.word, known); got != tc.want {
			t.Errorf("Closest(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
	if got := Closest("timeot", []string{"timeout", "within"}); got != "timeout" {
		t.Errorf("timeot: %q", got)
	}
	if got := Closest(strings.Repeat("x", 1000), []string{"timeout"}); got != "" {
		t.Errorf("a long word: %q", got)
	}
}

var waitOpts = &Options{Func: "expect", Example: "{ timeout: 5000 }", Keys: []Key{{Name: "timeout", Kind: Duration}}}

var closeOpts = &Options{Func: "expectClose", Example: "{ code: 1000 }", Keys: []Key{
	{Name: "code", Kind: Integer}, {Name: "reason", Kind: StringOrRegExp}, {Name: "timeout", Kind: Duration},
}}

var connectOpts = &Options{Func: "ws.connect", Example: "{ timeout: 5000 }", Keys: []Key{
	{Name: "headers", Kind: Scalars},
	{Name: "parse", Kind: String, OneOf: []string{"auto", "json", "text"}},
	{Name: "tls", Kind: Object, Sub: &Options{Func: "ws.connect", Keys: []Key{{Name: "ca", Kind: String}}}},
	{Name: "compression", Kind: Bool},
	{Name: "protocols", Kind: Strings},
	{Name: "maxInbox", Kind: Count},
	{Name: "verify", Kind: Function},
}}

// check runs Check on the value of src and returns the TypeError's message, "" if none.
func check(t *testing.T, s *Options, src string) string {
	t.Helper()
	vm := goja.New()
	v, err := vm.RunString("(" + src + ")")
	if err != nil {
		t.Fatal(err)
	}
	var msg string
	if ex := vm.Try(func() { s.Check(vm, v) }); ex != nil {
		msg = ex.Value().ToObject(vm).Get("message").String()
		if name := ex.Value().ToObject(vm).Get("name").String(); name != "TypeError" {
			t.Errorf("%s: threw a %s", src, name)
		}
	}
	return msg
}

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    *Options
		src  string
		want string
	}{
		{"left out", waitOpts, "undefined", ""},
		{"null", waitOpts, "null", ""},
		{"good", waitOpts, "{ timeout: 300 }", ""},
		{"undefined value", waitOpts, "{ timeout: undefined }", ""},
		{"a number", waitOpts, "300", "expect takes options like { timeout: 300 }, got the number 300"},
		{"a negative number", waitOpts, "-1", "expect takes options like { timeout: 5000 }, got the number -1"},
		{"a close code", closeOpts, "4001", "expectClose takes options like { code: 4001 }, got the number 4001"},
		{"a string", closeOpts, "'bye'", `expectClose takes options like { reason: "bye" }, got the string "bye"`},
		{"an array", waitOpts, "[1]", "expect takes options like { timeout: 5000 }, got an array"},
		{"a function", waitOpts, "() => 1", "expect takes options like { timeout: 5000 }, got a function"},
		{"misspelt", waitOpts, "{ timeot: 5 }", `expect: unknown option "timeot"; did you mean "timeout"?`},
		{"unknown", closeOpts, "{ status: 1000 }", `expectClose: unknown option "status"; the options are code, reason, timeout`},
		{"wrong kind", waitOpts, "{ timeout: '5' }", `expect: option timeout must be a number of ms (0 or more), got the string "5"`},
		{"NaN", waitOpts, "{ timeout: NaN }", `expect: option timeout must be a number of ms (0 or more), got the number NaN`},
		{"not whole", closeOpts, "{ code: 4000.5 }", `expectClose: option code must be a whole number, got the number 4000.5`},
		{"regexp", closeOpts, "{ reason: /bye/ }", ""},
		{"enum", connectOpts, "{ parse: 'json' }", ""},
		{"enum near miss", connectOpts, "{ parse: 'jsno' }", `ws.connect: option parse must be one of "auto", "json", "text", got the string "jsno"; did you mean "json"?`},
		{"nested", connectOpts, "{ tls: { ca: 'a.pem' } }", ""},
		{"nested misspelt", connectOpts, "{ tls: { cs: 'a.pem' } }", `ws.connect: unknown option "tls.cs"; did you mean "tls.ca"?`},
		{"scalars", connectOpts, "{ headers: { a: 'x', b: 1, c: true } }", ""},
		{"undefined header", connectOpts, "{ headers: { Authorization: undefined } }", "ws.connect: option headers.Authorization must be a string, number or boolean, got undefined"},
		{"bool", connectOpts, "{ compression: true }", ""},
		{"truthy is not a bool", connectOpts, "{ compression: 1 }", "ws.connect: option compression must be true or false, got the number 1"},
		{"strings", connectOpts, "{ protocols: ['v1', 'v2'] }", ""},
		{"not all strings", connectOpts, "{ protocols: ['v1', 2] }", "ws.connect: option protocols must be an array of strings, got an array"},
		{"a count", connectOpts, "{ maxInbox: 0 }", ""},
		{"a negative count", connectOpts, "{ maxInbox: -1 }", "ws.connect: option maxInbox must be a whole number (0 or more), got the number -1"},
		{"Infinity", connectOpts, "{ maxInbox: Infinity }", "ws.connect: option maxInbox must be a whole number (0 or more), got the number Infinity"},
		{"a function", connectOpts, "{ verify: () => true }", ""},
		{"not a function", connectOpts, "{ verify: true }", "ws.connect: option verify must be a function, got the boolean true"},
		{"null value", connectOpts, "{ verify: null }", ""},
		{"case", connectOpts, "{ maxinbox: 1 }", `ws.connect: unknown option "maxinbox"; did you mean "maxInbox"?`},
		{"a getter is not run", connectOpts, "{ compression: { get x() { throw new Error('ran') } } }", "ws.connect: option compression must be true or false, got an object"},
		{"a promise", waitOpts, "Promise.resolve(1)", "expect takes options like { timeout: 5000 }, got a promise (missing await?)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := check(t, tc.s, tc.src); got != tc.want {
				t.Errorf("Check(%s):\n got %q\nwant %q", tc.src, got, tc.want)
			}
		})
	}
}

func TestOneOfAndNeed(t *testing.T) {
	vm := goja.New()
	events := []string{"message", "close"}
	msg := func(f func()) string {
		if ex := vm.Try(f); ex != nil {
			return ex.Value().ToObject(vm).Get("message").String()
		}
		return ""
	}
	if got := msg(func() { OneOf(vm, vm.ToValue("message"), events, "on", "event") }); got != "" {
		t.Errorf("a known event threw %q", got)
	}
	if got, want := msg(func() { OneOf(vm, vm.ToValue("mesage"), events, "on", "event") }), `on: unknown event "mesage"; did you mean "message"?`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := msg(func() { OneOf(vm, vm.ToValue("data"), events, "on", "event") }), `on: unknown event "data"; it must be one of "message", "close"`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := msg(func() { Need(vm, vm.ToValue(-5), Duration, "sleep", "ms") }), "sleep: ms must be a number of ms (0 or more), got the number -5"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestOnlyOptionKeys(t *testing.T) {
	vm := goja.New()
	for src, want := range map[string]bool{
		"({ timeout: 500 })":          true,
		"({ timeout: 500, type: 1 })": false,
		"({})":                        false,
		"'timeout'":                   false,
		"[500]":                       false,
	} {
		v, _ := vm.RunString(src)
		if got := waitOpts.OnlyOptionKeys(v); got != want {
			t.Errorf("OnlyOptionKeys(%s) = %v", src, got)
		}
	}
}

// A right options object costs only the key list goja builds (7 allocations for one key).
func BenchmarkCheck(b *testing.B) {
	vm := goja.New()
	v, _ := vm.RunString("({ timeout: 300 })")
	b.ReportAllocs()
	for b.Loop() {
		waitOpts.Check(vm, v)
	}
}

func TestMillis(t *testing.T) {
	for _, c := range []struct {
		ms   float64
		want time.Duration
	}{
		{1.5, 1500 * time.Microsecond},
		{0, 0},
		{-5, 0},
		{math.NaN(), 0},
		{math.Inf(-1), 0},
		{1e20, math.MaxInt64}, // a plain conversion wraps round to a negative Duration
		{math.Inf(1), math.MaxInt64},
		{float64(math.MaxInt64 / int64(time.Millisecond)), math.MaxInt64},
	} {
		if got := Millis(c.ms); got != c.want {
			t.Errorf("Millis(%v) = %v, want %v", c.ms, got, c.want)
		}
	}
}
