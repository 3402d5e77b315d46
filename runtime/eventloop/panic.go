package eventloop

import (
	"errors"
	"fmt"
	"reflect"
	"runtime/debug"
	"strings"
	"unsafe"

	"github.com/dop251/goja"
)

// PanicError is what Run returns when a task panicked in Go: a bug in wsrun or in a host
// module, not in the script. The loop recovers it so that one test fails instead of the whole
// process, and the VM stays usable.
type PanicError struct {
	Value any    // what was panicked
	Stack string // where, as a few "at function (file:line)" lines
}

func (e *PanicError) Error() string { return "internal error: " + panicText(e.Value) }

// panicText describes a panic value without trusting it: an error's Error method or a JS
// value's String may panic too.
func panicText(v any) (s string) {
	defer func() {
		if recover() != nil {
			s = fmt.Sprintf("a panic of type %T", v)
		}
	}()
	switch v := v.(type) {
	case error:
		return v.Error()
	case goja.Value:
		return v.String()
	}
	return fmt.Sprint(v)
}

// maxPanicFrames bounds the stack kept for a PanicError: enough to find the culprit, short
// enough for a report.
const maxPanicFrames = 8

// panicStack returns the Go frames from the first panic on, from inside the deferred function
// that recovered it. goja recovers and panics again on its way out, so the panic that matters
// is the oldest one on the stack.
func panicStack() string {
	lines := strings.Split(strings.TrimSpace(string(debug.Stack())), "\n")
	first := -1
	for i := 1; i+1 < len(lines); i += 2 {
		if strings.HasPrefix(lines[i], "panic(") {
			first = i
		}
	}
	var out []string
	for i := first + 2; first >= 0 && i+1 < len(lines) && len(out) < maxPanicFrames; i += 2 {
		fn, pos := lines[i], strings.TrimSpace(lines[i+1])
		if j := strings.LastIndex(fn, "("); j > 0 {
			fn = fn[:j]
		}
		if j := strings.LastIndex(pos, " +0x"); j > 0 {
			pos = pos[:j]
		}
		out = append(out, "    at "+fn+" ("+pos+")")
	}
	return strings.Join(out, "\n")
}

// Recovered makes a PanicError of a value recover returned, with the stack of the panic. Call
// it in the deferred function that recovered.
func Recovered(x any) *PanicError { return &PanicError{Value: x, Stack: panicStack()} }

// runTask runs task, turning a Go panic into a *PanicError.
func (l *Loop) runTask(task Task) (err error) {
	defer func() {
		if x := recover(); x != nil {
			err = Recovered(x)
			l.resetVM()
		}
	}()
	return task()
}

// resetVM makes the VM usable again after a task ended abnormally: interrupted, or by a Go
// panic that goja let through. It runs only between tasks, when no script is on the stack.
//
// goja unwinds cleanly only when the script was called from Go directly. When the stop
// happens inside an async function resumed by a promise job, goja skips the code that pops
// the function's frames: its call stack stays non-empty, and every later call takes it for a
// nested one, so promise jobs never run again (a test after it "never finishes"). No goja API
// resets that, so unwound resets the stacks' lengths to zero by reflection, which is what a
// normal return leaves. Then running an empty program with the interrupt armed takes goja's
// own interrupted path, which drops the promise jobs the stopped script left queued; and the
// rejections noted so far belong to that script, not to whatever runs next.
//
// That interrupted run leaves the empty program as goja's current program (its normal exit,
// which clears it, is skipped), and every later call from Go saves it as the caller's frame:
// each stack trace of the file's later failures ended in "at <eval>:1:1". Running it once
// more without the interrupt takes the normal exit, which leaves no current program.
func (l *Loop) resetVM() {
	l.unhandled = l.unhandled[:0]
	unwound(l.vm)
	l.vm.Interrupt(errReset)
	_, _ = l.vm.RunProgram(emptyProgram)
	l.vm.ClearInterrupt()
	_, _ = l.vm.RunProgram(emptyProgram)
}

var (
	errReset     = errors.New("resetting the VM")
	emptyProgram = goja.MustCompile("", "", false)
)

// vmStacks are the fields of goja's unexported vm that hold the frames of running scripts.
var vmStacks = []string{"callStack", "tryStack", "iterStack", "refStack"}

// unwound empties vm's stacks of running frames; see resetVM. It reports false, and changes
// nothing, when goja's fields are not as expected (a goja upgrade): TestResetAfterAsyncInterrupt
// then fails. Only between tasks.
func unwound(rt *goja.Runtime) bool {
	vmField := reflect.ValueOf(rt).Elem().FieldByName("vm")
	if !vmField.IsValid() || vmField.Kind() != reflect.Pointer || vmField.IsNil() {
		return false
	}
	vm := vmField.Elem()
	stacks := make([]reflect.Value, 0, len(vmStacks))
	for _, name := range vmStacks {
		f := vm.FieldByName(name)
		if !f.IsValid() || f.Kind() != reflect.Slice {
			return false
		}
		stacks = append(stacks, reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem())
	}
	for _, s := range stacks {
		s.SetLen(0)
	}
	return true
}

// interrupted returns goja's InterruptedError if err is one, possibly wrapped. It stops at a
// *goja.Exception, whose Unwrap runs script code (an instanceof through the thrown value's
// prototype chain) and panics when that value is, say, a revoked Proxy.
func interrupted(err error) *goja.InterruptedError {
	for err != nil {
		switch e := err.(type) {
		case *goja.InterruptedError:
			return e
		case *goja.Exception:
			return nil
		}
		err = errors.Unwrap(err)
	}
	return nil
}
