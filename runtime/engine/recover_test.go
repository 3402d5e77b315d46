package engine_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/runtime/engine"
	"github.com/wsrun/wsrun/runtime/eventloop"
	"github.com/wsrun/wsrun/runtime/report"
)

// panicModule is a host module whose functions panic in Go, the way a bug in wsrun or in an
// embedder's module would: the only way to provoke one, and only from a test.
var panicModule = engine.ModuleFunc(func(vu engine.VU) (goja.Value, error) {
	vm, loop := vu.VM(), vu.Loop()
	exports := vm.NewObject()
	_ = exports.Set("panicNow", func() { panic("boom") })
	_ = exports.Set("outOfRange", func(i int) int {
		var s []int
		return s[i]
	})
	_ = exports.Set("panicInTask", func() {
		src := loop.Reserve("test task", nil)
		go src.Settle(func() error { panic("boom in a task") })
	})
	_ = exports.Set("panicInDeliver", func() {
		src := loop.Reserve("test deliver", nil)
		go func() {
			time.Sleep(5 * time.Millisecond) // let Run wait, so that Deliver runs the task itself
			src.Deliver(func() error { panic("boom in a delivered task") })
			src.Close()
		}()
	})
	return exports, nil
})

// TestGoPanicsFailOneTest provokes Go panics under tests at each kind of Go↔JS boundary: a
// Go function called from a test, from a promise reaction, from a timer, in a loop task
// posted or delivered from another goroutine, in a beforeAll hook. Each fails its test alone
// as "internal error: …" with a Go stack, the rest of the file runs in the same VM, the
// control file passes, and the JSON report is whole.
func TestGoPanicsFailOneTest(t *testing.T) {
	var js bytes.Buffer
	sum, out, err := run(t, engine.Options{
		Paths:     []string{"trust/engine/hostmodule/panics.js", "trust/engine/control.test.js"},
		Modules:   map[string]engine.Module{"test/panic": panicModule},
		Reporters: []report.Reporter{report.NewJSON(&js)},
		Timeout:   5 * time.Second,
	}, false)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Files.Passed != 1 || sum.Tests.Failed != 9 || sum.Tests.Passed != 2 {
		t.Errorf("want the control file to pass, 9 tests to fail and 2 to pass; got %+v\n%s", sum, out)
	}
	var doc struct {
		Files []struct {
			Path  string
			Tests []struct {
				FullName string `json:"fullName"`
				Status   string
				Errors   []struct{ Message, Stack string }
			}
		}
	}
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil || len(doc.Files) != 2 {
		t.Fatalf("json report (%v):\n%s", err, js.String())
	}
	want := map[string]string{
		"a Go function called from the test panics":  "internal error: boom",
		"a Go runtime error (index out of range)":    "internal error: runtime error: index out of range [3] with length 0",
		"try/catch does not hide it":                 "internal error: boom",
		"in a promise reaction":                      "internal error: boom",
		"in a timer callback":                        "internal error: boom",
		"in a loop task posted by Go":                "internal error: boom in a task",
		"in a task delivered from another goroutine": "internal error: boom in a delivered task",
		"a job queued before the panic":              "internal error: boom",
		"beforeAll › fails with its hook":            "internal error: boom",
	}
	for _, f := range doc.Files {
		for _, tr := range f.Tests {
			msg, failing := want[tr.FullName]
			if !failing {
				if tr.Status != "passed" {
					t.Errorf("%s › %s: %s, want passed: %+v", f.Path, tr.FullName, tr.Status, tr.Errors)
				}
				continue
			}
			if tr.Status != "failed" || len(tr.Errors) != 1 || !strings.Contains(tr.Errors[0].Message, msg) {
				t.Errorf("%s: want one error with %q, got %s %+v", tr.FullName, msg, tr.Status, tr.Errors)
				continue
			}
			if e := tr.Errors[0]; strings.Contains(e.Message, "goroutine") || !strings.Contains(e.Stack, "recover_test.go") {
				t.Errorf("%s: the Go stack belongs in the stack field, pointing at the panic: %+v", tr.FullName, e)
			}
		}
	}
}

// TestPanicErrorDescribesHostileValues: a panic value whose Error method panics itself is
// still described.
func TestPanicErrorDescribesHostileValues(t *testing.T) {
	e := &eventloop.PanicError{Value: hostileError{}}
	if got := e.Error(); got != "internal error: a panic of type engine_test.hostileError" {
		t.Errorf("got %q", got)
	}
}

type hostileError struct{}

func (hostileError) Error() string { panic("no") }

// TestPanicOutsideATaskFailsTheFile: a panic in the engine's own code around the tests (here a
// host module's Instantiate, called while the VM is set up) fails that file as an internal
// error instead of the process, and the reports are whole.
func TestPanicOutsideATaskFailsTheFile(t *testing.T) {
	var js bytes.Buffer
	sum, out, err := run(t, engine.Options{
		Paths: []string{"trust/engine/control.test.js"},
		Modules: map[string]engine.Module{"test/broken": engine.ModuleFunc(func(engine.VU) (goja.Value, error) {
			panic("broken module")
		})},
		Reporters: []report.Reporter{report.NewJSON(&js)},
	}, false)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Files.Failed != 1 || !strings.Contains(out, "internal error: broken module") || !json.Valid(js.Bytes()) {
		t.Errorf("want the file to fail with the panic and a whole report; got %+v\n%s\n%s", sum, out, js.String())
	}
}
