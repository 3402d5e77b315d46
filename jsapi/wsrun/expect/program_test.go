package expect

import (
	"regexp"
	"strings"
	"testing"

	"github.com/dop251/goja"
)

// importsRE finds a script's imports from the shared namespace: const { a, b } = ns;
var importsRE = regexp.MustCompile(`(?s)const \{([^}]*)\} = ns;`)

// TestScriptImports checks that every name a script takes from the namespace was put
// there by an earlier script: a missing one would only surface as "undefined is not a
// function" when some rarely used message is built.
func TestScriptImports(t *testing.T) {
	progs, err := compiled()
	if err != nil {
		t.Fatal(err)
	}
	vm := goja.New()
	e, err := New(vm, nil) // for the built-ins New captures, as load hands them over
	if err != nil {
		t.Fatal(err)
	}
	ns := vm.NewObject()
	_ = ns.Set("intrinsics", e.intrinsics)
	for i, name := range scriptOrder {
		src, err := scripts.ReadFile("js/" + name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range importsRE.FindAllStringSubmatch(string(src), -1) {
			for _, field := range strings.Split(m[1], ",") {
				field = strings.TrimSpace(field)
				if field == "" {
					continue
				}
				if v := ns.Get(field); v == nil || goja.IsUndefined(v) {
					t.Errorf("%s imports %s, which no earlier script defines", name, field)
				}
			}
		}
		v, err := vm.RunProgram(progs[i])
		if err != nil {
			t.Fatal(err)
		}
		fn, _ := goja.AssertFunction(v)
		if _, err := fn(goja.Undefined(), ns); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
}

// TestScriptsStayShort keeps each script under the project's size limit.
func TestScriptsStayShort(t *testing.T) {
	for _, name := range scriptOrder {
		src, _ := scripts.ReadFile("js/" + name)
		if n := strings.Count(string(src), "\n"); n > 500 {
			t.Errorf("%s has %d lines; split it", name, n)
		}
	}
}
