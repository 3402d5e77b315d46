package main

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/wsrun/wsrun/internal/goldentest"
)

// The scripts of testdata/internal use wsrun/internal's inbox as a protocol module does,
// through the binary.

// inboxUnstable matches what varies between runs of the binary: durations, transcript times, ports.
var inboxUnstable = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`\(\d+(\.\d+)?m?s\)`), "(T)"},
	{regexp.MustCompile(`\+\d+\.\d+s `), "+T "},
	{regexp.MustCompile(`Time:  \d+\.\d+s`), "Time:  T"},
	{regexp.MustCompile(`127\.0\.0\.1:\d+`), "127.0.0.1:PORT"},
}

// TestInboxTimeoutOutput: an inbox wait that times out shows the decoded unconsumed items,
// the closest candidate's diff and the user's line, after the default --expect-timeout.
func TestInboxTimeoutOutput(t *testing.T) {
	cmd := exec.Command(binary(t), "--color", "never", "--expect-timeout", "300ms", "timeout.test.js")
	cmd.Dir = filepath.Join("testdata", "internal")
	out, err := cmd.CombinedOutput()
	if code := cmd.ProcessState.ExitCode(); code != 1 {
		t.Fatalf("exit %d (%v), want 1:\n%s", code, err, out)
	}
	got := string(out)
	for _, u := range inboxUnstable {
		got = u.re.ReplaceAllString(got, u.with)
	}
	goldentest.Check(t, filepath.Join("testdata", "internal", "timeout.golden"), got)
}

// TestInboxForgottenAwait: an inbox wait the test does not await fails it, by its label.
func TestInboxForgottenAwait(t *testing.T) {
	jsonPath := filepath.Join(t.TempDir(), "report.json")
	cmd := exec.Command(binary(t), "--color", "never", "-r", "dot", "-r", "json="+jsonPath, "forgotten.test.js")
	cmd.Dir = filepath.Join("testdata", "internal")
	out, err := cmd.CombinedOutput()
	if code := cmd.ProcessState.ExitCode(); code != 1 {
		t.Fatalf("exit %d (%v), want 1:\n%s", code, err, out)
	}
	doc := readJSONReport(t, jsonPath, string(out))
	want := map[string]string{
		"control: an awaited inbox wait": "",
		"inbox expect not awaited":       `socket.expect("late") at forgotten.test.js:18:13 was never awaited (still pending when the test ended); add await`,
	}
	seen := 0
	for _, f := range doc.Files {
		for _, tr := range f.Tests {
			msg, ok := want[tr.FullName]
			if !ok {
				t.Errorf("unexpected test %q", tr.FullName)
				continue
			}
			seen++
			switch {
			case msg == "" && tr.Status != "passed":
				t.Errorf("%s: %s, want passed", tr.FullName, tr.Status)
			case msg != "" && (tr.Status != "failed" || tr.Error == nil || tr.Error.Message != msg):
				t.Errorf("%s: %s %+v, want failed with %q", tr.FullName, tr.Status, tr.Error, msg)
			}
		}
	}
	if seen != len(want) {
		t.Errorf("saw %d of %d tests:\n%s", seen, len(want), out)
	}
}
