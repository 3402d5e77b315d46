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
	vm         *goja.Runtime
	host       Host
	value      goja.Value
	protos     protos
	intrinsics *goja.Object // built-ins the scripts keep, captured by New
	loaded     bool         // the scripts have run (load)
	// What SetSnapshots and SetTestName set before the library was loaded, for load to apply.
	snapshots   Snapshots
	testName    string
	testNameSet bool

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
	if err := e.load(); err != nil {
		return nil, err
	}
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

// New makes the library for vm and returns it; it sets no global (see Value). A nil host
// makes expect.soft fail like a plain expect. The library's scripts run on first use (load),
// not here: most of an empty test file's start-up was compiling and running them, and many
// files never call expect. What they would capture of the VM's built-ins at that point
// (Object.prototype.toString and the like) is captured now, before any user code runs, so a
// script that replaces a built-in before its first expect does not change how expect works.
func New(vm *goja.Runtime, host Host) (*Expect, error) {
	e := &Expect{vm: vm, host: host, protos: newProtos(vm), intrinsics: vm.NewObject()}
	proto := func(ctor string) *goja.Object { return vm.Get(ctor).ToObject(vm).Get("prototype").ToObject(vm) }
	object := proto("Object")
	for _, in := range []struct {
		name  string
		value goja.Value
	}{
		{"objToString", object.Get("toString")},
		{"hasOwn", object.Get("hasOwnProperty")},
		{"errorToString", proto("Error").Get("toString")},
		{"regexpToString", proto("RegExp").Get("toString")},
		{"fnToString", proto("Function").Get("toString")},
	} {
		if err := e.intrinsics.Set(in.name, in.value); err != nil {
			return nil, fmt.Errorf("expect: %w", err)
		}
	}
	return e, nil
}

// load runs the library's scripts in the VM, once. A failure (the VM interrupted, or its
// call stack full, where load was called) leaves nothing half made: the next call tries again.
func (e *Expect) load() error {
	if e.loaded {
		return nil
	}
	vm, host := e.vm, e.host
	ns := vm.NewObject()
	if err := ns.Set("intrinsics", e.intrinsics); err != nil {
		return fmt.Errorf("expect: %w", err)
	}
	// Argument errors of expect.assertions and the asymmetric matchers name the wrong value as
	// those of every other API function do.
	describeArg := func(call goja.FunctionCall) goja.Value { return vm.ToValue(argcheck.Describe(call.Argument(0))) }
	if err := ns.Set("describeArg", describeArg); err != nil {
		return fmt.Errorf("expect: install describeArg: %w", err)
	}
	if host != nil {
		soft := func(call goja.FunctionCall) goja.Value {
			host.SoftFailure(call.Argument(0))
			return goja.Undefined()
		}
		if err := ns.Set("softFailure", soft); err != nil {
			return fmt.Errorf("expect: install host: %w", err)
		}
		startWait := func(call goja.FunctionCall) goja.Value {
			return vm.ToValue(host.StartWait(call.Argument(0).String()))
		}
		if err := ns.Set("startWait", startWait); err != nil {
			return fmt.Errorf("expect: install host: %w", err)
		}
	}
	if err := runScripts(vm, ns); err != nil {
		return err
	}
	e.value = ns.Get("expect")
	if err := e.bind(ns); err != nil {
		return err
	}
	e.loaded = true
	// What the runner set before: the same calls as it would have made on a loaded library.
	if e.snapshots != nil {
		if err := e.SetSnapshots(e.snapshots); err != nil {
			return err
		}
	}
	if e.testNameSet {
		e.SetTestName(e.testName)
	}
	return nil
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

// Value returns the JS expect function, to be set as a global or a module export; it loads
// the library, and is undefined if that fails (Instantiate returns why).
func (e *Expect) Value() goja.Value {
	if e.load() != nil {
		return goja.Undefined()
	}
	return e.value
}

// BeginTest resets the per-test state: the assertion count and what expect.assertions(n)
// and expect.hasAssertions() asked for.
func (e *Expect) BeginTest() {
	if !e.loaded { // a library loaded later starts in the state beginTest sets
		return
	}
	// The function only assigns fields; it can fail only if the VM is being interrupted,
	// and then the test is lost anyway.
	_, _ = e.beginTest(goja.Undefined())
}

// EndTest checks expect.assertions(n) and expect.hasAssertions() for the test that just
// ran. It returns nil when they hold (or were not used), else the JS Error (an
// AssertionError) to fail the test with; its stack points at the expect.assertions call.
func (e *Expect) EndTest() goja.Value {
	if !e.loaded { // no expect.assertions without expect
		return nil
	}
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
	if err := e.load(); err != nil {
		return false, err
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
	return e.text(&e.format, orUndefined(v))
}

// DiffMatch returns the block Jest prints under a failed toMatchObject: "- Expected  - n",
// "+ Received  + n" and the changed lines, in plain text. received is first trimmed to the
// properties pattern names, so extra fields of a message do not show as changes. Values that
// cannot be diffed line by line (primitives, values of different types) give
// "Expected: …\nReceived: …" instead.
func (e *Expect) DiffMatch(pattern, received goja.Value) string {
	return e.text(&e.diffMatch, orUndefined(pattern), orUndefined(received))
}

// Closest returns the index of the candidate closest to pattern: the one whose
// properties match most of the pattern's, the first one on ties. It returns -1 when
// there are no candidates or none resembles the pattern at all (not even by kind:
// object, array, string, …).
func (e *Expect) Closest(pattern goja.Value, candidates []goja.Value) int {
	if len(candidates) == 0 {
		return -1
	}
	if e.load() != nil {
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
func (e *Expect) text(fn *goja.Callable, args ...goja.Value) string {
	if err := e.load(); err != nil {
		return fmt.Sprintf("[unprintable value: %v]", err)
	}
	v, err := (*fn)(goja.Undefined(), args...)
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
