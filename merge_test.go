package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/wsrun/wsrun/runtime/report/reporttest"
)

// runWsrun runs the binary with args and returns its exit code and output (stdout, then stderr).
func runWsrun(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if _, exited := err.(*exec.ExitError); err != nil && !exited {
		t.Fatalf("wsrun %s: %v", strings.Join(args, " "), err)
	}
	return cmd.ProcessState.ExitCode(), out.String(), errOut.String()
}

// timing matches what differs between two runs of the same tests: durations ("231ms",
// "0.48s", "+0.001s", latencies "0.0537"), ports, and the runs of blanks that align them.
var timing = regexp.MustCompile(`127\.0\.0\.1:\d+|\+?\d+(\.\d+)?(ms|s)?\b|[ \t]+`)

func maskTiming(s string) string {
	return timing.ReplaceAllStringFunc(s, func(m string) string {
		switch {
		case strings.TrimSpace(m) == "":
			return " "
		case strings.HasPrefix(m, "127."):
			return "127.0.0.1:PORT"
		case strings.ContainsAny(m, ".ms"):
			return "T"
		}
		return m // counts, line numbers
	})
}

// readJUnit parses a JUnit report with its times and what timing matches masked.
func readJUnit(t *testing.T, path string) reporttest.JUnit {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d := reporttest.ParseJUnit(t, data)
	for i := range d.Suites {
		s := &d.Suites[i]
		s.Time = "T"
		for j := range s.Cases {
			c := &s.Cases[j]
			c.Time, c.SystemOut = "T", maskTiming(c.SystemOut)
			if c.Failure != nil {
				c.Failure.Message, c.Failure.Text = maskTiming(c.Failure.Message), maskTiming(c.Failure.Text)
			}
		}
	}
	return d
}

// readJSONDoc parses a JSON report as a program would, with every duration, percentile,
// histogram and start time masked, and returns its run object apart. A test's timeline is
// reduced to its number of client connections: when a ws.serve server sees a client close
// (in which attempt, before or after other entries) differs between two runs of the same
// test; TestReadJSONRoundTrip checks that timelines survive the trip whole.
func readJSONDoc(t *testing.T, path string) (doc, run any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var d map[string]any
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	run = d["run"]
	delete(d, "run")
	return maskJSON(d), run
}

func maskJSON(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			switch k {
			case "duration", "at", "p50", "p95", "p99", "max", "histogram", "start":
				v[k] = "T"
			case "timeline":
				conns := map[any]bool{}
				for _, e := range x.(map[string]any)["entries"].([]any) {
					if e := e.(map[string]any); e["server"] != true {
						conns[e["conn"]] = true
					}
				}
				v[k] = len(conns)
			default:
				v[k] = maskJSON(x)
			}
		}
	case []any:
		for i := range v {
			v[i] = maskJSON(v[i])
		}
	case string:
		return maskTiming(v)
	}
	return v
}

// sameDoc fails the test, showing both, when a and b differ.
func sameDoc(t *testing.T, what string, a, b any) {
	t.Helper()
	if !reflect.DeepEqual(a, b) {
		ja, _ := json.MarshalIndent(a, "", " ")
		jb, _ := json.MarshalIndent(b, "", " ")
		t.Errorf("%s: merged:\n%s\none run:\n%s", what, ja, jb)
	}
}

// TestMergeReportsEqualsOneRun runs testdata/merge once, and as three shards whose JSON
// reports merge-reports merges: the merged JUnit and JSON reports and the console output are
// those of the one run, times and ports aside.
func TestMergeReportsEqualsOneRun(t *testing.T) {
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, name) }
	args := []string{"--color", "never", "-j", "1", "--retries", "1", "--latency", filepath.Join("testdata", "merge")}
	code, oneOut, stderr := runWsrun(t, append(args, "-r", "json="+at("one.json"), "-r", "junit="+at("one.xml"))...)
	if code != exitFailed {
		t.Fatalf("the whole run exits %d, want 1:\n%s%s", code, oneOut, stderr)
	}
	var shards []string
	for i := 1; i <= 3; i++ {
		shard := at(fmt.Sprintf("shard-%d.json", i))
		if code, out, stderr := runWsrun(t, append(args, "--shard", fmt.Sprintf("%d/3", i), "-r", "json="+shard)...); code == exitUsage {
			t.Fatalf("shard %d/3: exit %d:\n%s%s", i, code, out, stderr)
		}
		shards = append(shards, shard)
	}
	code, mergedOut, stderr := runWsrun(t, append([]string{"merge-reports", "--color", "never",
		"-r", "junit=" + at("merged.xml"), "-r", "json=" + at("merged.json"), "-r", "html=" + at("merged.html")}, shards...)...)
	if code != exitFailed || stderr != "" {
		t.Errorf("merge-reports exits %d, want 1; stderr:\n%s", code, stderr)
	}
	if !strings.Contains(oneOut, "Tests: 6 passed, 2 failed, 2 skipped, 1 flaky") || !strings.Contains(oneOut, "Latency (ms):") {
		t.Fatalf("the fixture's run is not the one this test expects:\n%s", oneOut)
	}
	if a, b := maskTiming(mergedOut), maskTiming(oneOut); a != b {
		t.Errorf("merge-reports prints:\n%s\nthe one run printed:\n%s", mergedOut, oneOut)
	}
	sameDoc(t, "JUnit", readJUnit(t, at("merged.xml")), readJUnit(t, at("one.xml")))
	// The HTML report draws the failing test's conversation from the shard's timeline.
	if page, err := os.ReadFile(at("merged.html")); err != nil || !strings.Contains(string(page), `"name":"alpha › echoes the wrong thing"`) ||
		!strings.Contains(string(page), `{\"type\":\"echo\",\"got\":{\"type\":\"hello\"}}`) {
		t.Errorf("the merged HTML report lacks the failing test or its frames (%v)", err)
	}
	merged, mergedRun := readJSONDoc(t, at("merged.json"))
	one, oneRun := readJSONDoc(t, at("one.json"))
	sameDoc(t, "JSON", merged, one)
	mr, or := mergedRun.(map[string]any), oneRun.(map[string]any)
	if mr["merged"] != 3.0 || mr["shard"] != nil || mr["latency"] != true || mr["version"] != or["version"] || mr["format"] != 1.0 {
		t.Errorf("the merged run object %v, the one run's %v", mr, or)
	}
}

// TestMergeReportsExitCodes: merge-reports exits as the merged run would, and 2 when it
// cannot read or merge what it is given.
func TestMergeReportsExitCodes(t *testing.T) {
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, name) }
	t.Chdir(filepath.Join("testdata", "cli"))
	cli := func(t *testing.T, args ...string) (int, string, string) { // as cli does, in the one directory
		var out, errOut bytes.Buffer
		code := run(context.Background(), args, streams{out: &out, err: &errOut, getenv: func(string) string { return "" }})
		return code, out.String(), errOut.String()
	}
	for i, want := range []int{exitFailed, exitOK} { // shard 1 is failing.test.js, 2 names.test.js
		path := at(fmt.Sprintf("s%d.json", i+1))
		if code, out, errOut := cli(t, "--shard", fmt.Sprintf("%d/2", i+1), "-r", "json="+path, "failing.test.js", "names.test.js"); code != want {
			t.Fatalf("shard %d/2: exit %d, want %d\n%s%s", i+1, code, want, out, errOut)
		}
	}
	if code, out, errOut := cli(t, "-r", "json="+at("pass.json"), "names.test.js"); code != exitOK { // a whole run, not sharded
		t.Fatalf("names.test.js: exit %d\n%s%s", code, out, errOut)
	}
	if err := os.WriteFile(at("notes.json"), []byte(`{"notes": []}`), 0o644); err != nil {
		t.Fatal(err)
	}
	// Shard 2 as it would be had it been interrupted.
	data, err := os.ReadFile(at("s2.json"))
	if err != nil {
		t.Fatal(err)
	}
	interrupted := strings.Replace(string(data), `"interrupted": false`, `"interrupted": true`, 1)
	if err := os.WriteFile(at("s2-interrupted.json"), []byte(interrupted), 0o644); err != nil || interrupted == string(data) {
		t.Fatalf("%v\n%s", err, data)
	}
	// The same file, whose name clears the screen, in two reports.
	evil := `{"files": [{"path": "evil\u001b[2J.test.js", "status": "passed", "duration": 1, "tests": []}], "summary": {}}`
	for _, name := range []string{"evil-1.json", "evil-2.json"} {
		if err := os.WriteFile(at(name), []byte(evil), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		name string
		args []string
		code int
		in   string // expected in stdout+stderr
	}{
		{"a failure", []string{at("s1.json"), at("s2.json")}, 1, "Tests: 3 passed, 3 failed, 1 skipped"},
		{"all passed, a shard missing", []string{at("s2.json")}, 1, "warning: no report of shard 1/2: the merged run lacks its files, and counts as interrupted"},
		{"a shard missing, summary", []string{at("s2.json")}, 1, "Interrupted: the run was stopped before it finished\n\nFiles: 1 passed"},
		{"an interrupted shard", []string{at("s2-interrupted.json")}, 1, "its run was interrupted; the merged run is too"},
		{"an interrupted shard, summary", []string{at("s2-interrupted.json")}, 1, "Interrupted: the run was stopped before it finished\n\nFiles: 1 passed"},
		{"all passed", []string{at("pass.json")}, 0, "Tests: 3 passed, 0 failed, 1 skipped"},
		{"junit to stdout", []string{"-r", "junit", at("pass.json")}, 0, `<testsuites name="wsrun" tests="4" failures="0"`},
		{"no report", nil, 2, "give the JSON reports to merge"},
		{"missing report", []string{at("nope.json")}, 2, "nope.json: no such file or directory"},
		{"not a report", []string{at("notes.json")}, 2, `notes.json: not a wsrun JSON report: it has no "files" and "summary"`},
		{"a report twice", []string{at("s1.json"), at("s1.json")}, 2, "are both shard 1/2"},
		{"over a report", []string{"-r", "json=" + at("s2.json"), at("s1.json"), at("s2.json")}, 2, "the report would overwrite it"},
		{"unknown reporter", []string{"-r", "xml", at("s1.json")}, 2, "unknown reporter"},
		{"unknown flag", []string{"--shard", "1/2", at("s1.json")}, 2, "unknown flag: --shard"},
		{"escape sequences in a report", []string{at("evil-1.json"), at("evil-2.json")}, 2, `evil\x1b[2J.test.js is in both`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := cli(t, append([]string{"merge-reports"}, c.args...)...)
			if code != c.code || !strings.Contains(out+errOut, c.in) || strings.Contains(errOut, "\x1b") {
				t.Errorf("exit %d, want %d with %q\nstdout:\n%s\nstderr:\n%s", code, c.code, c.in, out, errOut)
			}
		})
	}
}

// TestMergeReportsOnlyInAnotherShard: a test.only in one file leaves out the other files in
// one run; a shard without that file must leave its files out too, or the merged counts (and
// a failure of a file that one run never runs) differ from the run's.
func TestMergeReportsOnlyInAnotherShard(t *testing.T) {
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, name) }
	fixture := filepath.Join("testdata", "merge-only")
	// -e CI=: the fixture's .only would fail the run where CI is set.
	code, one, stderr := runWsrun(t, "--color", "never", "-e", "CI=", fixture)
	if code != exitOK || !strings.Contains(one, "Tests: 1 passed, 0 failed, 1 skipped") {
		t.Fatalf("one run: exit %d\n%s%s", code, one, stderr)
	}
	var shards []string
	for i := 1; i <= 2; i++ {
		shard := at(fmt.Sprintf("s%d.json", i))
		code, out, stderr := runWsrun(t, "--color", "never", "-e", "CI=", "--pass-with-no-tests", "--shard", fmt.Sprintf("%d/2", i), "-r", "json="+shard, fixture)
		if code != exitOK {
			t.Errorf("shard %d/2: exit %d, want 0 as the one run:\n%s%s", i, code, out, stderr)
		}
		shards = append(shards, shard)
	}
	code, merged, stderr := runWsrun(t, append([]string{"merge-reports", "--color", "never"}, shards...)...)
	if code != exitOK || maskTiming(merged) != maskTiming(one) {
		t.Errorf("merge-reports: exit %d\n%s%s\none run printed:\n%s", code, merged, stderr, one)
	}
}

// TestMergeReportsOfDifferentFileSets: shard 1/2 of a run of four files and shard 2/2 of the
// same suite with a fifth file deal the files differently; merged, the fifth file, which
// shard 1/2 of the second run would have run, is in no report. The merge must say so and
// not pass.
func TestMergeReportsOfDifferentFileSets(t *testing.T) {
	dir := t.TempDir()
	suite := filepath.Join(dir, "suite")
	if err := os.Mkdir(suite, 0o755); err != nil {
		t.Fatal(err)
	}
	add := func(name string) {
		if err := os.WriteFile(filepath.Join(suite, name), []byte("test('ok', () => {});\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"a.test.js", "b.test.js", "c.test.js", "d.test.js"} {
		add(name)
	}
	s1, s2 := filepath.Join(dir, "s1.json"), filepath.Join(dir, "s2.json")
	if code, out, stderr := runWsrun(t, "--shard", "1/2", "-r", "json="+s1, suite); code != exitOK {
		t.Fatalf("shard 1/2: exit %d\n%s%s", code, out, stderr)
	}
	add("e.test.js") // another commit: shard 1/2 now has a, c and e
	if code, out, stderr := runWsrun(t, "--shard", "2/2", "-r", "json="+s2, suite); code != exitOK {
		t.Fatalf("shard 2/2: exit %d\n%s%s", code, out, stderr)
	}
	code, out, stderr := runWsrun(t, "merge-reports", "--color", "never", s1, s2)
	if code != exitFailed || !strings.Contains(stderr, "ran other test files than") {
		t.Errorf("merge-reports: exit %d, want 1 with a warning\n%s%s", code, out, stderr)
	}
}
