package expect

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/dop251/goja"
)

// fakeHost records soft failures and counts waits.
type fakeHost struct {
	soft  []goja.Value
	waits []string
	ended bool
}

func (h *fakeHost) SoftFailure(err goja.Value) { h.soft = append(h.soft, err) }

// StartWait keeps the labels of the .resolves/.rejects assertions still waiting; settled
// lets the assertion go on unless the test set ended, as a runner does once a test is over.
func (h *fakeHost) StartWait(label string) func() bool {
	h.waits = append(h.waits, label)
	return func() bool {
		h.waits = slices.DeleteFunc(h.waits, func(s string) bool { return s == label })
		return !h.ended
	}
}

// env is a fresh VM with the library installed as the global expect.
type env struct {
	vm   *goja.Runtime
	exp  *Expect
	host *fakeHost
}

func newEnv(t testing.TB) *env {
	t.Helper()
	vm := goja.New()
	host := &fakeHost{}
	exp, err := New(vm, host)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if err := vm.Set("expect", exp.Value()); err != nil {
		t.Fatal(err)
	}
	return &env{vm: vm, exp: exp, host: host}
}

// run runs src as a script; it returns the message of the error it threw, or "" when
// it ran through. Promise jobs run before RunString returns.
func (e *env) run(t testing.TB, src string) string {
	t.Helper()
	_, err := e.vm.RunString(src)
	if err == nil {
		return ""
	}
	var ex *goja.Exception
	if !errors.As(err, &ex) {
		t.Fatalf("run: %v", err)
	}
	return errorMessage(ex.Value())
}

// runAsync runs src as the body of an async function and returns the message it
// rejected with, or "" when it resolved.
func (e *env) runAsync(t testing.TB, src string) string {
	t.Helper()
	v, err := e.vm.RunString("(async () => {\n" + src + "\n})()")
	if err != nil {
		t.Fatalf("runAsync: %v", err)
	}
	p, ok := v.Export().(*goja.Promise)
	if !ok {
		t.Fatalf("runAsync: not a promise: %v", v)
	}
	switch p.State() {
	case goja.PromiseStateFulfilled:
		return ""
	case goja.PromiseStateRejected:
		return errorMessage(p.Result())
	}
	t.Fatalf("runAsync: promise still pending")
	return ""
}

func errorMessage(v goja.Value) string {
	if obj, ok := v.(*goja.Object); ok {
		if m := obj.Get("message"); m != nil && !goja.IsUndefined(m) {
			return m.String()
		}
	}
	return "thrown: " + v.String()
}

// value evaluates a JS expression.
func (e *env) value(t testing.TB, src string) goja.Value {
	t.Helper()
	v, err := e.vm.RunString("(" + src + ")")
	if err != nil {
		t.Fatalf("eval %s: %v", src, err)
	}
	return v
}

// lines joins message lines, so expected messages read as they print.
func lines(ls ...string) string { return strings.Join(ls, "\n") }

// matcherCase runs src (statements) in a fresh VM; want is the message of the error it
// throws, or "" when every assertion in it passes.
type matcherCase struct {
	name string
	src  string
	want string
}

func runMatcherCases(t *testing.T, cases []matcherCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			got := e.run(t, "{ "+tc.src+" }")
			if got != tc.want {
				t.Errorf("%s\ngot:\n%s\n\nwant:\n%s", tc.src, got, tc.want)
			}
		})
	}
}

// runAsyncCases is runMatcherCases for src that awaits: want is the rejection's message.
func runAsyncCases(t *testing.T, cases []matcherCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			got := e.runAsync(t, tc.src)
			if got != tc.want {
				t.Errorf("%s\ngot:\n%s\n\nwant:\n%s", tc.src, got, tc.want)
			}
		})
	}
}

// newMockEnv is newEnv with every export of the library's module as a global: jest and vi,
// as the engine sets them, and fn and spyOn, standing in for imports from 'wsrun'.
func newMockEnv(t testing.TB) *env {
	t.Helper()
	e := newEnv(t)
	exports, err := e.exp.Instantiate(nil)
	if err != nil {
		t.Fatal(err)
	}
	obj := exports.ToObject(e.vm)
	for _, name := range obj.Keys() {
		if err := e.vm.Set(name, obj.Get(name)); err != nil {
			t.Fatal(err)
		}
	}
	return e
}
