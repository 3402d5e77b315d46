package jsonlimit

import (
	"strings"
	"testing"

	"github.com/dop251/goja"
)

func TestDeeperThan(t *testing.T) {
	for _, c := range []struct {
		in   string
		deep bool
	}{
		{`[[[]]]`, false},
		{`[[[[]]]]`, true},
		{`{"a":{"b":{"c":{}}}}`, true},
		{`["[[[[[[", "{{{{{{"]`, false},
		{`["\"[[[[[[[["]`, false},
		{`[]`, false},
	} {
		if got := DeeperThan([]byte(c.in), 3); got != c.deep {
			t.Errorf("DeeperThan(%s, 3) = %v, want %v", c.in, got, c.deep)
		}
	}
}

// Without Install, the first script overflowed the goroutine's stack: a fatal error that ends
// the test binary, not a failure.
func TestParseRefusesDeepText(t *testing.T) {
	vm := goja.New()
	Install(vm)
	_ = vm.Set("deep", strings.Repeat("[", 4<<20))
	v, err := vm.RunString(`
		let msg = '';
		try { JSON.parse(deep) } catch (e) { msg = e.name + ': ' + e.message }
		msg`)
	if err != nil {
		t.Fatal(err)
	}
	if want := "RangeError: JSON.parse: the text nests arrays and objects deeper than 10000 levels"; !strings.HasPrefix(v.String(), want) {
		t.Errorf("got %q, want %q…", v, want)
	}
	v, err = vm.RunString(`JSON.stringify([JSON.parse('{"a":[1,2,{"b":null}]}'), JSON.parse('[1]', (k, v) => typeof v === 'number' ? v * 2 : v), JSON.parse.name, JSON.parse.length])`)
	if err != nil {
		t.Fatal(err)
	}
	if want := `[{"a":[1,2,{"b":null}]},[2],"parse",2]`; v.String() != want {
		t.Errorf("got %s, want %s", v, want)
	}
	if _, err := vm.RunString(`JSON.parse('{bad')`); err == nil || !strings.Contains(err.Error(), "SyntaxError") {
		t.Errorf("invalid JSON: got %v, want a SyntaxError", err)
	}
}
