// Package wsruntest runs wsrun's JavaScript test files inside `go test`: each JS test becomes
// a subtest, so `go test -run 'TestChat/alice'` selects JS tests by name, failures arrive
// through t.Error with the same text the wsrun CLI prints, and `go test -v` shows their
// console output.
//
//	func TestChat(t *testing.T) {
//		srv := httptest.NewServer(chat.Handler())
//		defer srv.Close()
//		wsruntest.Run(t, "testdata/chat.test.js", wsruntest.Env("URL", "ws"+strings.TrimPrefix(srv.URL, "http")))
//	}
//
// Run is called from the test's own goroutine. The JS tests run in one VM, in file order,
// while their subtests wait; then each subtest reports its own result.
package wsruntest

import (
	"context"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wsrun/wsrun/jsapi/wsrun"
	"github.com/wsrun/wsrun/runtime/engine"
	"github.com/wsrun/wsrun/runtime/report"
)

// Option adjusts the engine options of a Run.
type Option func(*engine.Options)

// Env adds KEY=VALUE to process.env (on top of the test process's environment).
func Env(key, value string) Option {
	return func(o *engine.Options) {
		if o.Env == nil { // With may have set it to nil
			o.Env = map[string]string{}
		}
		o.Env[key] = value
	}
}

// Timeout sets the per-test timeout (default 30s, and never past the go test deadline).
func Timeout(d time.Duration) Option {
	return func(o *engine.Options) { o.Timeout = d }
}

// ExpectTimeout sets the default wait of every expect* on a connection (default 5s).
func ExpectTimeout(d time.Duration) Option {
	return func(o *engine.Options) { o.ExpectTimeout = d }
}

// Module registers a JS module scripts can import or require under name.
func Module(name string, m engine.Module) Option {
	return func(o *engine.Options) {
		if o.Modules == nil {
			o.Modules = map[string]engine.Module{}
		}
		o.Modules[name] = m
	}
}

// With applies any other engine option.
func With(fn func(*engine.Options)) Option { return Option(fn) }

// deadlineMargin is left between the JS run and go test's own deadline, so a slow run fails
// with wsrun's message rather than go test's panic.
const deadlineMargin = 2 * time.Second

// Run runs the JS tests in paths (files or directories) as subtests of t.
func Run(t *testing.T, paths string, opts ...Option) {
	t.Helper()
	o := engine.Options{Paths: strings.Fields(paths), Parallel: 1, Env: environ()}
	for _, opt := range opts {
		opt(&o)
	}
	ctx := context.Background()
	if d, ok := t.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, d.Add(-deadlineMargin))
		defer cancel()
	}
	listed, err := engine.List(ctx, o)
	if err != nil {
		t.Fatalf("wsruntest: %v", err)
	}
	if len(listed) == 0 {
		t.Fatalf("wsruntest: no test found in %s", paths)
	}

	// Each subtest first says it was selected (go test -run decides that by entering it), then
	// waits, as a parallel subtest, until the selected JS tests have run. A test is known by
	// its file, its full name and which of the tests of that name it is (two tests of a file
	// may share a name: test.each without %s in it, a copied test), so that each subtest gets
	// its own result and not that of a namesake.
	var mu sync.Mutex
	selected := map[string]bool{} // by file and full name: Select cannot tell namesakes apart
	results := map[testKey]report.TestResult{}
	listedKeys := map[testKey]bool{}
	interrupted := false
	fileFailed := map[string]bool{} // files with a file-level failure (one that did not load)
	ran := make(chan struct{})
	seen := map[string]int{}
	for _, l := range listed {
		name := l.File + "\x00" + l.FullName
		seen[name]++
		key := testKey{name, seen[name]}
		listedKeys[key] = true
		t.Run(subtestName(l, len(listed) > 0 && multiFile(listed)), func(st *testing.T) {
			mu.Lock()
			selected[name] = true
			mu.Unlock()
			st.Parallel()
			<-ran
			mu.Lock()
			res, ok := results[key]
			stopped := interrupted
			failed := fileFailed[l.File]
			mu.Unlock()
			if !ok && failed {
				st.Error("not run: its file failed before this test could run (see the parent test's output)")
				return
			}
			reportTo(st, res, ok, stopped)
		})
	}

	o.Select = func(file, fullName string) bool {
		mu.Lock()
		defer mu.Unlock()
		return selected[file+"\x00"+fullName]
	}
	o.Reporters = append(o.Reporters, report.Funcs{OnFile: func(f report.FileResult) {
		mu.Lock()
		defer mu.Unlock()
		seen := map[string]int{}
		for _, tr := range f.Tests {
			name := f.Path + "\x00" + tr.FullName
			seen[name]++
			key := testKey{name, seen[name]}
			results[key] = tr
			if !listedKeys[key] && tr.Status == report.Failed && !(f.Error != nil && tr.FullName == f.Path) {
				// A test the listing did not see (its name changes from one load to the
				// next, or the file declared more tests the second time) has no subtest to
				// fail: its failure fails the parent instead of being lost.
				t.Errorf("%s: a test that was not listed before the run failed:\n%s", f.Path, report.FailureText(tr, report.PrettyOptions{}))
			}
		}
		if f.Error != nil { // a file-level failure (a failing afterAll) fails the parent
			fileFailed[f.Path] = true
			t.Errorf("%s: %s", f.Path, f.Error.Message)
		}
	}})
	defer close(ran)
	if len(selected) == 0 {
		return
	}
	sum, err := engine.Run(ctx, o)
	if err != nil && !errors.Is(err, engine.ErrNoTests) {
		t.Errorf("wsruntest: %v", err)
	}
	if sum.Interrupted {
		// The go test deadline (less deadlineMargin) passed: the tests that never started
		// are skipped, and this says why the run is not a pass.
		t.Errorf("wsruntest: the run was stopped before it finished: the go test deadline (-timeout) is near")
	}
	mu.Lock()
	interrupted = sum.Interrupted
	mu.Unlock()
}

// testKey is a JS test: its file and full name, joined by a NUL, and which test of that name
// in the file it is, counting from 1 in the order they are declared.
type testKey struct {
	name string
	n    int
}

func multiFile(l []engine.Listed) bool {
	for _, x := range l {
		if x.File != l[0].File {
			return true
		}
	}
	return false
}

// subtestName is the JS test's full name, prefixed with its file when several files run.
func subtestName(l engine.Listed, withFile bool) string {
	if withFile {
		return l.File + wsrun.Sep + l.FullName
	}
	return l.FullName
}

// reportTo turns one JS result into the subtest's outcome.
// ok is false when the run reported no result for it: stopped says whether the run was cut
// short, which explains that; otherwise the test did not run although go test selected it.
func reportTo(t *testing.T, res report.TestResult, ok, stopped bool) {
	opts := report.PrettyOptions{}
	switch {
	case !ok && stopped:
		t.Skip("not run: the run stopped before this test (see the parent test's output)")
	case !ok:
		t.Error("not run: the run reported no result for this test; does the file declare other tests (or names) when it runs than when it was listed?")
	case res.Status == report.Failed:
		t.Error(report.FailureText(res, opts))
	case res.Status == report.Skipped || res.Status == report.Todo:
		t.Skip(string(res.Status))
	default:
		if res.Flaky {
			t.Logf("flaky: passed on retry %d", res.Retries)
		}
		if testing.Verbose() && len(res.Console) > 0 {
			t.Log("\n" + report.ConsoleText(res.Console, opts))
		}
	}
}

func environ() map[string]string {
	env := map[string]string{}
	for _, kv := range os.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok {
			env[k] = v
		}
	}
	return env
}
