package expect

import (
	"strings"
	"testing"

	"github.com/dop251/goja"
)

// TestAssertionErrorShape checks what the runner relies on: name, message,
// matcherResult, and a stack whose first frame outside wsrun: is the user's line.
func TestAssertionErrorShape(t *testing.T) {
	e := newEnv(t)
	v := e.value(t, `(() => {
function userFn() {
  expect({a: 1}).toEqual({a: 2})
}
try { userFn() } catch (err) { return err }
})()`)
	err := v.ToObject(e.vm)
	if got := err.Get("name").String(); got != "AssertionError" {
		t.Errorf("name = %q", got)
	}
	if _, ok := err.Export().(error); ok {
		t.Errorf("want a JS Error object, got a Go error")
	}
	res := err.Get("matcherResult").ToObject(e.vm)
	if res.Get("pass").ToBoolean() || res.Get("name").String() != "toEqual" ||
		res.Get("message").String() != err.Get("message").String() {
		t.Errorf("matcherResult = %v", res.Export())
	}
	if got := e.exp.Format(res.Get("expected")); got != `{"a": 2}` {
		t.Errorf("matcherResult.expected = %s", got)
	}
	stack := err.Get("stack").String()
	if !strings.HasPrefix(stack, "AssertionError: expect(received).toEqual(expected)") {
		t.Errorf("stack starts %q", firstLine(stack))
	}
	if frame := firstUserFrame(stack); !strings.Contains(frame, "userFn (<eval>:3:") {
		t.Errorf("first user frame = %q in\n%s", frame, stack)
	}
}

// TestMatcherErrorShape: a misused matcher throws a plain Error, still located at the
// user's line.
func TestMatcherErrorShape(t *testing.T) {
	e := newEnv(t)
	v := e.value(t, `(() => { function userFn() { expect(1).toHaveLength(1) } try { userFn() } catch (err) { return err } })()`)
	err := v.ToObject(e.vm)
	if got := err.Get("name").String(); got != "Error" {
		t.Errorf("name = %q", got)
	}
	if frame := firstUserFrame(err.Get("stack").String()); !strings.Contains(frame, "userFn (<eval>:1:") {
		t.Errorf("first user frame = %q", frame)
	}
}

// TestAsyncStackPointsAtAwait: .resolves failures surface in a promise job, yet their
// stack leads to the line that awaited them.
func TestAsyncStackPointsAtAwait(t *testing.T) {
	e := newEnv(t)
	e.run(t, `var caught;
async function userAsync() {
  await expect(Promise.resolve(1)).resolves.toBe(2)
}
userAsync().catch((err) => { caught = err })`)
	err := e.vm.Get("caught").ToObject(e.vm)
	if got := err.Get("name").String(); got != "AssertionError" {
		t.Errorf("name = %q", got)
	}
	if frame := firstUserFrame(err.Get("stack").String()); !strings.Contains(frame, "userAsync (<eval>:3:") {
		t.Errorf("first user frame = %q in\n%s", frame, err.Get("stack"))
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// firstUserFrame is what the runner does: the first "at" line not in a wsrun: file.
func firstUserFrame(stack string) string {
	for _, line := range strings.Split(stack, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "at ") && !strings.Contains(line, "("+ProgramPrefix) &&
			!strings.HasPrefix(line, "at "+ProgramPrefix) {
			return line
		}
	}
	return ""
}

func TestSoftFailures(t *testing.T) {
	e := newEnv(t)
	if got := e.run(t, `
expect.soft(1).toBe(2)
expect.soft(1).toBe(1)
expect.soft('a').toHaveLength('x')
expect.soft([1]).not.toContain(1)
`); got != "" {
		t.Fatalf("soft assertions threw: %s", got)
	}
	if got := e.runAsync(t, `await expect.soft(Promise.resolve(1)).resolves.toBe(3)`); got != "" {
		t.Fatalf("soft .resolves rejected: %s", got)
	}
	want := []string{
		lines("expect(received).toBe(expected) // Object.is equality", "", "Expected: 2", "Received: 1"),
		lines("expect(received).toHaveLength(expected)", "", "Matcher error: expected value must be a non-negative integer",
			"", "Expected has type:  string", `Expected has value: "x"`),
		lines("expect(received).not.toContain(expected) // indexOf", "", "Expected value: not 1", "Received array:     [1]"),
		lines("expect(received).resolves.toBe(expected) // Object.is equality", "", "Expected: 3", "Received: 1"),
	}
	if len(e.host.soft) != len(want) {
		t.Fatalf("recorded %d soft failures, want %d", len(e.host.soft), len(want))
	}
	for i, w := range want {
		if got := errorMessage(e.host.soft[i]); got != w {
			t.Errorf("soft failure %d:\n%s\nwant:\n%s", i, got, w)
		}
	}
	if got := e.host.soft[0].ToObject(e.vm).Get("name").String(); got != "AssertionError" {
		t.Errorf("soft failure name = %q", got)
	}
}

func TestSoftWithoutHostThrows(t *testing.T) {
	vm := goja.New()
	exp, err := New(vm, nil)
	if err != nil {
		t.Fatal(err)
	}
	_ = vm.Set("expect", exp.Value())
	if _, err := vm.RunString(`expect.soft(1).toBe(2)`); err == nil {
		t.Fatal("expect.soft without a host did not throw")
	}
}

func TestAssertionCounts(t *testing.T) {
	cases := []struct {
		name string
		src  string
		want string
	}{
		{"no checks", `expect(1).toBe(1)`, ""},
		{"assertions met", `expect.assertions(2); expect(1).toBe(1); expect(2).toBe(2)`, ""},
		{"assertions missed", `expect.assertions(2); expect(1).toBe(1)`,
			lines("expect.assertions(2)", "", "Expected two assertions to be called but received one assertion call.")},
		{"assertions none", `expect.assertions(1)`,
			lines("expect.assertions(1)", "", "Expected one assertion to be called but received zero assertion calls.")},
		{"assertions too many", `expect.assertions(0); expect(1).toBe(1); expect(1).toBe(1)`,
			lines("expect.assertions(0)", "", "Expected zero assertions to be called but received two assertion calls.")},
		{"big numbers as digits", `expect.assertions(20)`,
			lines("expect.assertions(20)", "", "Expected 20 assertions to be called but received zero assertion calls.")},
		{"failed and soft assertions count", `expect.assertions(2); try { expect(1).toBe(2) } catch {} expect.soft(1).toBe(2)`, ""},
		{"hasAssertions met", `expect.hasAssertions(); expect(1).toBeTruthy()`, ""},
		{"hasAssertions missed", `expect.hasAssertions()`,
			lines("expect.hasAssertions()", "", "Expected at least one assertion to be called but received none.")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			e.exp.BeginTest()
			if got := e.run(t, tc.src); got != "" {
				t.Fatalf("script threw: %s", got)
			}
			res := e.exp.EndTest()
			got := ""
			if res != nil {
				got = errorMessage(res)
				if name := res.ToObject(e.vm).Get("name").String(); name != "AssertionError" {
					t.Errorf("name = %q", name)
				}
			}
			if got != tc.want {
				t.Errorf("EndTest:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

func TestBeginTestResets(t *testing.T) {
	e := newEnv(t)
	e.exp.BeginTest()
	e.run(t, `expect.assertions(3); expect.hasAssertions()`)
	if e.exp.EndTest() == nil {
		t.Fatal("first test should fail its assertion count")
	}
	e.exp.BeginTest()
	e.run(t, `expect(1).toBe(1)`)
	if res := e.exp.EndTest(); res != nil {
		t.Fatalf("state leaked into the next test: %s", errorMessage(res))
	}
	if got := e.value(t, `expect.getState().assertionCalls`).ToInteger(); got != 1 {
		t.Errorf("assertionCalls = %d", got)
	}
}

func TestAssertionCountsAsyncAtCallTime(t *testing.T) {
	e := newEnv(t)
	e.exp.BeginTest()
	if got := e.runAsync(t, `expect.assertions(1); await expect(Promise.resolve(1)).resolves.toBe(1)`); got != "" {
		t.Fatal(got)
	}
	if res := e.exp.EndTest(); res != nil {
		t.Fatal(errorMessage(res))
	}
}

// TestVMsInParallel: the compiled scripts are shared by every VM of the process, which
// run on their own goroutines (one per test file).
func TestVMsInParallel(t *testing.T) {
	done := make(chan string)
	for i := 0; i < 4; i++ {
		go func() {
			vm := goja.New()
			exp, err := New(vm, nil)
			if err != nil {
				done <- err.Error()
				return
			}
			_ = vm.Set("expect", exp.Value())
			_, err = vm.RunString(`expect({a: [1, {b: 2}]}).toEqual({a: [1, {b: expect.any(Number)}]})`)
			if err != nil {
				done <- err.Error()
				return
			}
			done <- ""
		}()
	}
	for i := 0; i < 4; i++ {
		if msg := <-done; msg != "" {
			t.Error(msg)
		}
	}
}
