package eventloop

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"
)

// usable checks that vm still runs scripts and their promise jobs.
func usable(t *testing.T, l *Loop) {
	t.Helper()
	err := l.Run(context.Background(), func() error {
		_, err := l.vm.RunString(`globalThis.later = 0; Promise.resolve(7).then((v) => { globalThis.later = v; });`)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := l.vm.Get("later").ToInteger(); got != 7 {
		t.Fatalf("a promise job did not run after the reset: later = %d", got)
	}
	if l.vm.Get("leaked") != nil {
		t.Fatal("a job of the stopped script ran later")
	}
}

// TestResetAfterAsyncInterrupt: a runaway loop inside an async function resumed by a promise
// job leaves goja's call stack non-empty; the loop resets it so the next Run works. It also
// guards unwound against a goja upgrade that renames the fields it resets.
func TestResetAfterAsyncInterrupt(t *testing.T) {
	for name, src := range map[string]string{
		"sync":        `Promise.resolve().then(() => { globalThis.leaked = true }); while (true) {}`,
		"after await": `(async () => { await null; Promise.resolve().then(() => { globalThis.leaked = true }); while (true) {} })()`,
	} {
		t.Run(name, func(t *testing.T) {
			l := newLoop(t)
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
			defer cancel()
			err := l.Run(ctx, func() error { _, err := l.vm.RunString(src); return err })
			if !errors.Is(err, ErrInterrupted) || !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("want an interrupted deadline, got %v", err)
			}
			usable(t, l)
		})
	}
	if !unwound(goja.New()) {
		t.Fatal("goja's vm no longer has the fields unwound resets")
	}
}

// TestNoFrameLeftAfterInterrupt: after a reset, a function called from Go has only its own
// frames in a stack trace. The reset's interrupted empty program used to stay goja's current
// program, so every later trace ended in "at <eval>:1:1".
func TestNoFrameLeftAfterInterrupt(t *testing.T) {
	l := newLoop(t)
	if _, err := l.vm.RunScript("f.js", "function stack() { return new Error('x').stack; }"); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	err := l.Run(ctx, func() error { _, err := l.vm.RunScript("loop.js", "while (true) {}"); return err })
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("want an interrupt, got %v", err)
	}
	stack, _ := goja.AssertFunction(l.vm.Get("stack"))
	v, err := stack(goja.Undefined())
	if err != nil {
		t.Fatal(err)
	}
	if got := v.String(); strings.Contains(got, "<eval>") || !strings.Contains(got, "at stack (f.js:1:27") {
		t.Errorf("want one frame, at f.js; got:\n%s", got)
	}
}

// TestPanicInTaskFailsRun: a Go panic under a task, in a function called from a script in an
// async function, ends Run with a PanicError that has the panic's value and stack, and the VM
// stays usable.
func TestPanicInTaskFailsRun(t *testing.T) {
	l := newLoop(t)
	_ = l.vm.Set("boom", func() { panic("boom") })
	err := l.Run(context.Background(), func() error {
		_, err := l.vm.RunString(`(async () => { await null; Promise.resolve().then(() => { globalThis.leaked = true }); boom(); })()`)
		return err
	})
	var pe *PanicError
	if !errors.As(err, &pe) || pe.Error() != "internal error: boom" {
		t.Fatalf("want a PanicError, got %v", err)
	}
	if !strings.Contains(pe.Stack, "panic_test.go") || strings.Contains(pe.Stack, "goroutine") {
		t.Errorf("the stack should start at the panic:\n%s", pe.Stack)
	}
	usable(t, l)
}
