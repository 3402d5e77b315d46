package engine_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/wsrun/wsrun/internal/goldentest"
	"github.com/wsrun/wsrun/runtime/engine"
	"github.com/wsrun/wsrun/runtime/report"
)

// testdata is the repository's shared fixture folder.
var testdata = filepath.Join("..", "..", "testdata")

// stable zeroes what varies between runs, so reporter output can be compared to goldens.
type stable struct{ next report.Reporter }

func (s stable) FileDone(f report.FileResult) {
	f.Duration = 0
	for i := range f.Tests {
		f.Tests[i].Duration = 0
		for j := range f.Tests[i].Transcripts {
			for k := range f.Tests[i].Transcripts[j].Entries {
				f.Tests[i].Transcripts[j].Entries[k].At = 0
			}
		}
	}
	s.next.FileDone(f)
}

func (s stable) RunDone(sum report.Summary) error {
	sum.Duration = 0
	return s.next.RunDone(sum)
}

var portRE = regexp.MustCompile(`127\.0\.0\.1:\d+`)

// run runs paths through the engine with the pretty reporter and returns its output.
func run(t *testing.T, opts engine.Options, colors bool) (report.Summary, string, error) {
	t.Helper()
	var out bytes.Buffer
	if opts.Cwd == "" {
		opts.Cwd = testdata
	}
	if opts.Parallel == 0 {
		opts.Parallel = 1 // deterministic file order for goldens
	}
	opts.Reporters = append(opts.Reporters, stable{report.NewPretty(&out, report.PrettyOptions{Colors: report.NewColors(colors)})})
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	sum, err := engine.Run(ctx, opts)
	return sum, portRE.ReplaceAllString(out.String(), "127.0.0.1:PORT"), err
}

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	goldenAt(t, filepath.Join(testdata, "golden", name), got)
}

// goldenAt compares got with the file at path, or rewrites it with -update.
func goldenAt(t *testing.T, path, got string) {
	t.Helper()
	goldentest.Check(t, path, got)
}

// TestPassingScripts runs every script under testdata/pass: each asserts its own behaviour in
// JS, so all of them must pass.
func TestPassingScripts(t *testing.T) {
	sum, out, err := run(t, engine.Options{Paths: []string{"pass"}, Parallel: 2, Env: map[string]string{"WSRUN_FIXTURE": "from-go-test"}}, false)
	if err != nil {
		t.Fatal(err)
	}
	if !sum.OK() || sum.Tests.Passed == 0 {
		t.Fatalf("want every test under testdata/pass to pass, got %+v:\n%s", sum, out)
	}
}

// TestFailureOutput runs each deliberately failing fixture and compares what a user sees.
func TestFailureOutput(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(testdata, "fail", "*.test.js"))
	if len(files) == 0 {
		t.Fatal("no fixtures under testdata/fail")
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".test.js")
		t.Run(name, func(t *testing.T) {
			sum, out, err := run(t, engine.Options{Paths: []string{filepath.Join("fail", filepath.Base(file))}, Timeout: 2 * time.Second, ExpectTimeout: 500 * time.Millisecond}, false)
			if err != nil {
				t.Fatal(err)
			}
			if sum.OK() {
				t.Errorf("fixture passed; it is meant to fail:\n%s", out)
			}
			golden(t, "fail-"+name+".golden", out)
		})
	}
}

// TestRunContextDeadlineIsAnInterruption: a run whose context has a deadline (wsruntest's,
// 2 s before go test's -timeout) stopped its running test with "test timed out after 30000ms",
// its own timeout, 300 ms in; and List said "loading the file timed out after 30000ms" at once.
func TestRunContextDeadlineIsAnInterruption(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "slow.test.js"), []byte("test('sleeps', async () => { await sleep(5000); });\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	var msg string
	sum, err := engine.Run(ctx, engine.Options{Cwd: dir, Reporters: []report.Reporter{report.Funcs{OnFile: func(f report.FileResult) {
		for _, tr := range f.Tests {
			for _, e := range tr.Errors {
				msg += e.Message
			}
		}
	}}}})
	if err != nil || !sum.Interrupted || msg != "test was stopped: the run was interrupted" {
		t.Errorf("Run: %v, interrupted %v, message %q", err, sum.Interrupted, msg)
	}
	_, err = engine.List(ctx, engine.Options{Cwd: dir})
	if err == nil || strings.Contains(err.Error(), "timed out") {
		t.Errorf("List after the deadline: %v", err)
	}
}
