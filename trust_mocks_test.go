package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// mocksDir holds the fixtures of the mock functions' and their matchers' trust tests: in
// wrong.test.js every test asserts something false and must fail, in right.test.js every
// test asserts something true (or that mocks are put back) and must pass.
var mocksDir = filepath.Join("testdata", "trust", "mocks")

// TestMockMatchersNoFalseGreen runs both fixtures and names every test of wrong.test.js that
// passed (a false green: Jest 29 fails it) and every test of right.test.js that failed.
// Before the fix, toEqual and toHaveBeenCalledWith ignored an array's own properties other
// than its elements and an iterable's own properties, so Object.assign([1], {x: 1}) equalled
// [1] and two instances of an iterable class differing in a field were equal; and a spyOn
// that failed to install, or one restore that threw, made restoreAllMocks throw before it
// had put the other spied methods back.
func TestMockMatchersNoFalseGreen(t *testing.T) {
	jsonPath := filepath.Join(t.TempDir(), "report.json")
	cmd := exec.Command(binary(t), "--color", "never", "-j", "1", "-r", "pretty", "-r", "json="+jsonPath,
		"wrong.test.js", "right.test.js")
	cmd.Dir = mocksDir
	out, _ := cmd.CombinedOutput()
	if code := cmd.ProcessState.ExitCode(); code != 1 || strings.Contains(string(out), "goroutine ") {
		t.Fatalf("exit code %d, want 1 (wrong.test.js fails) and no Go panic:\n%s", code, out)
	}
	r := readJSONReport(t, jsonPath, string(out))
	want := map[string]string{"wrong.test.js": "failed", "right.test.js": "passed"}
	seen := 0
	for _, f := range r.Files {
		status, ok := want[f.Path]
		if !ok {
			t.Fatalf("unexpected file %q in the report", f.Path)
		}
		seen++
		if len(f.Tests) == 0 {
			t.Errorf("%s: no tests ran:\n%s", f.Path, out)
		}
		for _, tr := range f.Tests {
			if tr.Status != status {
				t.Errorf("%s › %s: %s, want %s", f.Path, tr.FullName, tr.Status, status)
			}
		}
	}
	if seen != len(want) {
		t.Fatalf("the report has %d files, want %d:\n%s", seen, len(want), out)
	}
}
