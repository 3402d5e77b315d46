package engine

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/wsrun/wsrun/internal/goldentest"
	"github.com/wsrun/wsrun/jsapi/jsmodule"
	"github.com/wsrun/wsrun/jsapi/modules"
	"github.com/wsrun/wsrun/runtime/report"
)

// The scripts of testdata/internal use wsrun/internal's inbox as a protocol module does.
// Only built-in modules may import wsrun/internal, so a test-only one, wsrun/testinternal,
// hands it to them.

// withTestInternal adds wsrun/testinternal to the built-ins for one test.
func withTestInternal(t *testing.T) {
	m := jsmodule.New("wsrun/testinternal", "export { inbox, operation } from 'wsrun/internal';\n")
	withBuiltins(t, builtin{name: "wsrun/testinternal", make: func(*fileRun) modules.Module { return m }})
}

// inboxUnstable matches what varies between runs: durations, transcript times, ports.
var inboxUnstable = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`\(\d+(\.\d+)?m?s\)`), "(T)"},
	{regexp.MustCompile(`\+\d+\.\d+s `), "+T "},
	{regexp.MustCompile(`Time:  \d+\.\d+s`), "Time:  T"},
	{regexp.MustCompile(`127\.0\.0\.1:\d+`), "127.0.0.1:PORT"},
}

// runInternal runs a script of testdata/internal with the given reporter.
func runInternal(t *testing.T, file string, expectTimeout time.Duration, r report.Reporter) {
	t.Helper()
	withTestInternal(t)
	_, err := Run(context.Background(), Options{
		Paths: []string{file}, Cwd: filepath.Join("..", "..", "testdata", "internal"), Parallel: 1,
		ExpectTimeout: expectTimeout, Reporters: []report.Reporter{r},
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestInboxTimeoutOutput: an inbox wait that times out shows the decoded unconsumed items,
// the closest candidate's diff and the user's line, after the default --expect-timeout.
func TestInboxTimeoutOutput(t *testing.T) {
	var out bytes.Buffer
	runInternal(t, "timeout.test.js", 300*time.Millisecond, report.NewPretty(&out, report.PrettyOptions{}))
	got := out.String()
	for _, u := range inboxUnstable {
		got = u.re.ReplaceAllString(got, u.with)
	}
	goldentest.Check(t, filepath.Join("..", "..", "testdata", "internal", "timeout.golden"), got)
}

// TestInboxForgottenAwait: an inbox wait the test does not await fails it, by its label.
func TestInboxForgottenAwait(t *testing.T) {
	want := map[string]string{
		"control: an awaited inbox wait": "",
		"inbox expect not awaited":       `socket.expect("late") at forgotten.test.js:18:13 was never awaited (still pending when the test ended); add await`,
	}
	seen := 0
	runInternal(t, "forgotten.test.js", 0, report.Funcs{OnFile: func(f report.FileResult) {
		for _, tr := range f.Tests {
			msg, ok := want[tr.FullName]
			if !ok {
				t.Errorf("unexpected test %q", tr.FullName)
				continue
			}
			seen++
			switch {
			case msg == "" && tr.Status != report.Passed:
				t.Errorf("%s: %s, want passed", tr.FullName, tr.Status)
			case msg != "" && (tr.Status != report.Failed || len(tr.Errors) == 0 || tr.Errors[0].Message != msg):
				t.Errorf("%s: %s %+v, want failed with %q", tr.FullName, tr.Status, tr.Errors, msg)
			}
		}
	}})
	if seen != len(want) {
		t.Errorf("saw %d of %d tests", seen, len(want))
	}
}
