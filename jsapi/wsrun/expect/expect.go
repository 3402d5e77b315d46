package expect

import (
	"fmt"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/argcheck"
	"github.com/wsrun/wsrun/jsapi/modules"
)

// Host is what expect needs from the test runner.
type Host interface {
	// SoftFailure records a failure from expect.soft for the current test; err is the JS
	// Error value. It is called on the loop goroutine, from inside the failing matcher.
	SoftFailure(err goja.Value)
	// StartWait records that a .resolves/.rejects assertion, described by label (e.g.
	// "expect(…).rejects.toThrow(…)"), waits for its promise, so the runner can tell a test
	// that ended without awaiting it. It is called on the loop goroutine, from inside the
	// assertion call. The assertion calls settled once the promise settles, before it runs
	// the matcher; false means the runner has ended the wait meanwhile (its test is over),
	// and the assertion then stays pending, quietly.
	StartWait(label string) (settled func() bool)
}

// Expect is the expect library installed in one VM. It is not safe for concurrent use:
// every method must be called on the loop goroutine, the goroutine that owns the VM.
type Expect struct {
	vm     *goja.Runtime
	value  goja.Value
	protos protos

	beginTest goja.Callable
	endTest   goja.Callable
	matches   goja.Callable
	closest   goja.Callable
	format    goja.Callable
	diffMatch goja.Callable
	setState  goja.Callable
	mockAPI   goja.Callable
}

// Instantiate returns the library as a module: { expect, jest, vi, fn, spyOn }. The engine
// makes expect, jest and vi globals and all five exports of "wsrun". The library itself is
// made by New, before, since other modules match and format with it.
//
// jest and vi are objects with fn, spyOn, isMockFunction, clearAllMocks, resetAllMocks and
// restoreAllMocks, for Jest's users, who write jest.fn() with no import, and Vitest's, who
// write vi.fn(). fn and spyOn are meant as exports of "wsrun" only: neither Jest nor Vitest
// has such globals, and a global named fn would quietly stand in for a user's own fn that is
// not in scope. Every mock of the VM shares one record, so jest.clearAllMocks also clears
// vi.fn() mocks. A mock is named after what made it ("jest.fn()", "vi.fn()", "fn()") in
// failure messages until mockName names it.
func (e *Expect) Instantiate(modules.VU) (goja.Value, error) {
	exports := e.vm.NewObject()
	_ = exports.Set("expect", e.value)
	api := func(name string) (*goja.Object, error) {
		v, err := e.mockAPI(goja.Undefined(), e.vm.ToValue(name))
		if err != nil {
			return nil, fmt.Errorf("expect: mock API: %w", err)
		}
		return v.ToObject(e.vm), nil
	}
	for _, name := range []string{"jest", "vi"} {
		obj, err := api(name + ".fn()")
		if err != nil {
			return nil, err
		}
		_ = exports.Set(name, obj)
	}
	own, err := api("fn()")
	if err != nil {
		return nil, err
	}
	_ = exports.Set("fn", own.Get("fn"))
	_ = exports.Set("spyOn", own.Get("spyOn"))
	return exports, nil
}

// New installs the library into vm and returns it; it sets no global (see Value). A nil
// host makes expect.soft fail like a plain expect.
func New(vm *goja.Runtime, host Host) (*Expect, error) {
	ns := vm.NewObject()
	// Argument errors of expect.assertions and the asymmetric matchers name the wrong value as
	// those of every other API function do.
	describeArg := func(call goja.FunctionCall) goja.Value { return vm.ToValue(argcheck.Describe(call.Argument(0))) }
	if err := ns.Set("describeArg", describeArg); err != nil {
		return nil, fmt.Errorf("expect: install describeArg: %w", err)
	}
	if host != nil {
		soft := func(call goja.FunctionCall) goja.Value {
			host.SoftFailure(call.Argument(0))
			return goja.Undefined()
		}
		if err := ns.Set("softFailure", soft); err != nil {
			return nil, fmt.Errorf("expect: install host: %w", err)
		}
		startWait := func(call goja.FunctionCall) goja.Value {
			return vm.ToValue(host.StartWait(call.Argument(0).String()))
		}
		if err := ns.Set("startWait", startWait); err != nil {
			return nil, fmt.Errorf("expect: install host: %w", err)
		}
	}
	if err := runScripts(vm, ns); err != nil {
		return nil, err
	}
	e := &Expect{vm: vm, value: ns.Get("expect"), protos: newProtos(vm)}
	if err := e.bind(ns); err != nil {
		return nil, err
	}
	return e, nil
}

// runScripts runs each embedded script, handing it the shared namespace object.
func runScripts(vm *goja.Runtime, ns *goja.Object) error {
	progs, err := compiled()
	if err != nil {
		return err
	}
	for i, p := range progs {
		v, err := vm.RunProgram(p)
		if err != nil {
			return fmt.Errorf("expect: run %s: %w", scriptOrder[i], err)
		}
		fn, ok := goja.AssertFunction(v)
		if !ok {
			return fmt.Errorf("expect: %s is not a function expression", scriptOrder[i])
		}
		if _, err := fn(goja.Undefined(), ns); err != nil {
			return fmt.Errorf("expect: init %s: %w", scriptOrder[i], err)
		}
	}
	return nil
}

// bind looks up the functions the Go side calls.
func (e *Expect) bind(ns *goja.Object) error {
	expectObj, ok := e.value.(*goja.Object)
	if !ok {
		return fmt.Errorf("expect: the scripts did not define expect")
	}
	for _, f := range []struct {
		obj  *goja.Object
		name string
		dst  *goja.Callable
	}{
		{ns, "beginTest", &e.beginTest},
		{ns, "endTest", &e.endTest},
		{ns, "matches", &e.matches},
		{ns, "closest", &e.closest},
		{ns, "stringify", &e.format},
		{ns, "diffMatch", &e.diffMatch},
		{expectObj, "setState", &e.setState},
		{ns, "mockApi", &e.mockAPI},
	} {
		fn, ok := goja.AssertFunction(f.obj.Get(f.name))
		if !ok {
			return fmt.Errorf("expect: the scripts did not define %s", f.name)
		}
		*f.dst = fn
	}
	return nil
}

// Value returns the JS expect function, to be set as a global or a module export.
func (e *Expect) Value() goja.Value { return e.value }

// BeginTest resets the per-test state: the assertion count and what expect.assertions(n)
// and expect.hasAssertions() asked for.
func (e *Expect) BeginTest() {
	// The function only assigns fields; it can fail only if the VM is being interrupted,
	// and then the test is lost anyway.
	_, _ = e.beginTest(goja.Undefined())
}

// EndTest checks expect.assertions(n) and expect.hasAssertions() for the test that just
// ran. It returns nil when they hold (or were not used), else the JS Error (an
// AssertionError) to fail the test with; its stack points at the expect.assertions call.
func (e *Expect) EndTest() goja.Value {
	v, err := e.endTest(goja.Undefined())
	if err != nil {
		if ex, ok := err.(*goja.Exception); ok {
			return ex.Value()
		}
		return e.vm.NewGoError(err)
	}
	if goja.IsNull(v) || goja.IsUndefined(v) {
		return nil
	}
	return v
}

// Matches reports whether value matches pattern with toMatchObject semantics for objects
// and arrays (arrays element-wise, of equal length), equality for primitives, and
// asymmetric matchers anywhere. It builds no message, so it stays cheap on small values.
// The error is a *goja.Exception thrown by a user-defined asymmetric matcher or getter.
func (e *Expect) Matches(pattern, value goja.Value) (bool, error) {
	pattern, value = orUndefined(pattern), orUndefined(value)
	if r, err := e.fastMatch(pattern, value); r != undecided || err != nil {
		return r == matched, err
	}
	v, err := e.matches(goja.Undefined(), pattern, value)
	if err != nil {
		return false, err
	}
	return v.ToBoolean(), nil
}

// IsAsymmetric reports whether v is an asymmetric matcher such as expect.any(String): an
// object with an asymmetricMatch method.
func (e *Expect) IsAsymmetric(v goja.Value) bool {
	obj, ok := v.(*goja.Object)
	if !ok {
		return false
	}
	_, ok = goja.AssertFunction(obj.Get("asymmetricMatch"))
	return ok
}

// Format pretty-prints v on one line as failure messages do: {"a": 1}, [1, 2],
// "text", Any<String>.
func (e *Expect) Format(v goja.Value) string {
	return e.text(e.format, orUndefined(v))
}

// DiffMatch returns the block Jest prints under a failed toMatchObject: "- Expected  - n",
// "+ Received  + n" and the changed lines, in plain text. received is first trimmed to the
// properties pattern names, so extra fields of a message do not show as changes. Values that
// cannot be diffed line by line (primitives, values of different types) give
// "Expected: …\nReceived: …" instead.
func (e *Expect) DiffMatch(pattern, received goja.Value) string {
	return e.text(e.diffMatch, orUndefined(pattern), orUndefined(received))
}

// Closest returns the index of the candidate closest to pattern: the one whose
// properties match most of the pattern's, the first one on ties. It returns -1 when
// there are no candidates or none resembles the pattern at all (not even by kind:
// object, array, string, …).
func (e *Expect) Closest(pattern goja.Value, candidates []goja.Value) int {
	if len(candidates) == 0 {
		return -1
	}
	items := make([]interface{}, len(candidates))
	for i, c := range candidates {
		items[i] = orUndefined(c)
	}
	v, err := e.closest(goja.Undefined(), orUndefined(pattern), e.vm.NewArray(items...))
	if err != nil {
		return -1
	}
	return int(v.ToInteger())
}

// text calls a formatting function; a value that cannot be printed (a throwing getter
// or toJSON) is described rather than lost.
func (e *Expect) text(fn goja.Callable, args ...goja.Value) string {
	v, err := fn(goja.Undefined(), args...)
	if err != nil {
		return fmt.Sprintf("[unprintable value: %v]", err)
	}
	return v.String()
}

func orUndefined(v goja.Value) goja.Value {
	if v == nil {
		return goja.Undefined()
	}
	return v
}
