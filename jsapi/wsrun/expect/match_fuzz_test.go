package expect

import (
	"fmt"
	"testing"
	"time"

	"github.com/dop251/goja"
)

// FuzzFastMatch checks that the Go fast path of Matches agrees with the JS matcher (equals in
// SUBSET mode, which toMatchObject uses) on every pair of JSON values it decides, and that
// Matches agrees with expect(value).toMatchObject(pattern) on objects. In the pattern, marker
// objects stand for asymmetric matchers, so that the fast path's handling of them is fuzzed
// too: {"$any": "Number"}, {"$anything": 0}, {"$stringContaining": "x"},
// {"$objectContaining": {…}}, {"$arrayContaining": […]}.
//
// The seeds run as an ordinary test; to search for more:
//
//	go test ./jsapi/wsrun/expect -run '^$' -fuzz FuzzFastMatch -fuzztime 30s
//
// A failing input is saved under testdata/fuzz/FuzzFastMatch and then runs with the seeds.
func FuzzFastMatch(f *testing.F) {
	for _, seed := range [][2]string{
		{`{"type":"hi"}`, `{"type":"hi","n":1}`},
		{`{"type":"hi"}`, `{"type":"ho"}`},
		{`{"a":{"b":[1,2,{"c":null}]}}`, `{"a":{"b":[1,2,{"c":null,"d":0}]}}`},
		{`[1,2]`, `[1,2,3]`},
		{`[]`, `[]`},
		{`{}`, `[]`},
		{`{"0":1}`, `[1]`},
		{`[1]`, `{"0":1}`},
		{`{"length":2}`, `[1,2]`},
		{`0`, `-0`},
		{`-0`, `-0`},
		{`1e400`, `1e401`},
		{`"x"`, `"x"`},
		{`null`, `{}`},
		{`{}`, `null`},
		{`{"a":null}`, `{}`},
		{`{"__proto__":{"a":1}}`, `{"a":1}`},
		{`{"constructor":{}}`, `{}`},
		{`{"toString":1}`, `{"toString":1}`},
		{`{"hasOwnProperty":{"$anything":0}}`, `{}`}, // inherited from Object.prototype: not a property of the message
		{`{"a":{"$any":"Number"}}`, `{"a":5}`},
		{`{"a":{"$any":"String"}}`, `{"a":5}`},
		{`{"a":{"$anything":0}}`, `{"a":null}`},
		{`{"a":{"$stringContaining":"ell"}}`, `{"a":"hello"}`},
		{`{"a":{"$objectContaining":{"b":1}}}`, `{"a":{"b":1,"c":2}}`},
		{`{"a":{"$arrayContaining":[2]}}`, `{"a":[1,2,3]}`},
		{`[{"$any":"Object"}]`, `[[]]`},
		{`{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":{"j":1}}}}}}}}}}`, `{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":{"j":1}}}}}}}}}}`},
	} {
		f.Add(seed[0], seed[1])
	}
	env := newEnv(f)
	prepare, err := env.vm.RunString(fuzzPrepare)
	if err != nil {
		f.Fatal(err)
	}
	toPattern, _ := goja.AssertFunction(prepare.ToObject(env.vm).Get("pattern"))
	toMatchObject, _ := goja.AssertFunction(prepare.ToObject(env.vm).Get("toMatchObject"))
	parse, _ := goja.AssertFunction(env.vm.Get("JSON").ToObject(env.vm).Get("parse"))
	f.Fuzz(func(t *testing.T, patternJSON, valueJSON string) {
		slow := time.AfterFunc(5*time.Second, func() { panic(fmt.Sprintf("slow: %q %q", patternJSON, valueJSON)) })
		defer slow.Stop()
		p, err1 := parse(goja.Undefined(), env.vm.ToValue(patternJSON))
		v, err2 := parse(goja.Undefined(), env.vm.ToValue(valueJSON))
		if err1 != nil || err2 != nil {
			return // not JSON: no message would look like this
		}
		// Each side serves as pattern and as value, and a pattern against itself (as parsed,
		// without markers) must agree too: three pairs per input.
		for _, pair := range [][2]goja.Value{{p, v}, {v, p}, {p, p}} {
			pattern, err := toPattern(goja.Undefined(), pair[0])
			if err != nil {
				continue // a marker with a bad argument, e.g. {"$any": 1}
			}
			checkPair(t, env, toMatchObject, pattern, pair[1])
		}
	})
}

// checkPair fails t when the fast path, the JS matcher and toMatchObject disagree on pattern
// and value.
func checkPair(t *testing.T, env *env, toMatchObject goja.Callable, pattern, value goja.Value) {
	t.Helper()
	show := func() string { return env.exp.Format(pattern) + " against " + env.exp.Format(value) }
	js, err := env.exp.matches(goja.Undefined(), pattern, value)
	if err != nil {
		t.Fatalf("the JS matcher threw on %s: %v", show(), err)
	}
	fast, err := env.exp.fastMatch(pattern, value)
	if err != nil {
		t.Fatalf("the fast path threw on %s: %v", show(), err)
	}
	if fast != undecided && (fast == matched) != js.ToBoolean() {
		t.Fatalf("%s: the fast path says %v, the JS matcher %v", show(), fast == matched, js.ToBoolean())
	}
	got, err := env.exp.Matches(pattern, value)
	if err != nil || got != js.ToBoolean() {
		t.Fatalf("%s: Matches says %v (%v), the JS matcher %v", show(), got, err, js.ToBoolean())
	}
	if tm, err := toMatchObject(goja.Undefined(), value, pattern); err == nil && !goja.IsUndefined(tm) && tm.ToBoolean() != got {
		t.Fatalf("%s: Matches says %v, toMatchObject %v", show(), got, tm.ToBoolean())
	}
}

// fuzzPrepare turns the markers of a parsed pattern into asymmetric matchers, and runs
// toMatchObject where it applies (both sides objects): true or false, undefined elsewhere.
const fuzzPrepare = `({
  pattern: function pattern(p) {
    if (p === null || typeof p !== 'object') return p;
    if (Array.isArray(p)) return p.map(pattern);
    const keys = Object.keys(p);
    if (keys.length === 1) {
      const k = keys[0];
      const arg = p[k];
      switch (k) {
        case '$any': return expect.any({ String, Number, Boolean, Object, Array }[arg]);
        case '$anything': return expect.anything();
        case '$stringContaining': return expect.stringContaining(arg);
        case '$objectContaining': return expect.objectContaining(pattern(arg));
        case '$arrayContaining': return expect.arrayContaining(pattern(arg));
      }
    }
    const out = {};
    for (const k of keys) Object.defineProperty(out, k, { value: pattern(p[k]), enumerable: true, writable: true, configurable: true });
    return out;
  },
  toMatchObject: function (v, p) {
    if (v === null || typeof v !== 'object' || p === null || typeof p !== 'object') return undefined;
    try {
      expect(v).toMatchObject(p);
      return true;
    } catch (e) {
      if (e.name === 'AssertionError' || /toMatchObject/.test(e.message)) return false;
      throw e;
    }
  },
})`
