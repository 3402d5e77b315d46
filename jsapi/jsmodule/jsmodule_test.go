package jsmodule

import (
	"errors"
	"strings"
	"testing"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/runtime/eventloop"
)

// vu is a VM whose only other module is "dep".
type vu struct {
	loop     *eventloop.Loop
	required []string
}

func (v *vu) VM() *goja.Runtime     { return v.loop.VM() }
func (v *vu) Loop() *eventloop.Loop { return v.loop }
func (v *vu) Require(name string) (goja.Value, error) {
	v.required = append(v.required, name)
	if name != "dep" {
		return nil, errors.New("no module " + name)
	}
	return v.VM().ToValue(map[string]any{"n": 41}), nil
}

// Two VMs share one compile; each gets its own exports, with its imports from its VU.
func TestOneCompileManyVMs(t *testing.T) {
	m := New("wsrun/sample", "import { n } from 'dep';\nexport const answer = n + 1;\nexport default 'd';\n")
	if m.Compiles() != 0 {
		t.Fatal("compiled before any VM imported it")
	}
	for range 2 {
		v := &vu{loop: eventloop.New(goja.New())}
		exports, err := m.Instantiate(v)
		if err != nil {
			t.Fatal(err)
		}
		obj := exports.ToObject(v.VM())
		if obj.Get("answer").ToInteger() != 42 || obj.Get("default").String() != "d" || len(v.required) != 1 {
			t.Errorf("exports %v, required %v", obj.Export(), v.required)
		}
	}
	if m.Compiles() != 1 {
		t.Errorf("%d compiles, want 1", m.Compiles())
	}
}

// A syntax error and a failing import are errors that name the module, not panics.
func TestErrors(t *testing.T) {
	_, err := New("wsrun/bad", "export const x = ;\n").Instantiate(&vu{loop: eventloop.New(goja.New())})
	if err == nil || !strings.HasPrefix(err.Error(), "built-in module wsrun/bad does not compile: wsrun:bad/bad.js:1:18: ") {
		t.Errorf("syntax error: %v", err)
	}
	_, err = New("wsrun/needs", "import 'missing';\n").Instantiate(&vu{loop: eventloop.New(goja.New())})
	var ex *goja.Exception
	if !errors.As(err, &ex) || ex.Value().String() != "Error: no module missing" {
		t.Errorf("failing import: %v", err)
	}
}
