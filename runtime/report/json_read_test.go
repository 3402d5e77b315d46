package report

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
)

// replay feeds a run read back from a report to a new reporter, as merge-reports does.
func replay(t *testing.T, newRep func(*bytes.Buffer) Reporter, r Run) string {
	t.Helper()
	var out bytes.Buffer
	rep := newRep(&out)
	for _, f := range r.Files {
		rep.FileDone(f)
	}
	if err := rep.RunDone(r.Summary); err != nil {
		t.Fatalf("RunDone: %v", err)
	}
	return out.String()
}

func readBack(t *testing.T, report string) Run {
	t.Helper()
	r, err := ReadJSON(strings.NewReader(report))
	if err != nil {
		t.Fatalf("ReadJSON: %v\n%s", err, report)
	}
	return r
}

// roundTripSets are the recorded runs every reporter must print the same after a trip through
// the JSON report.
func roundTripSets() map[string][]FileResult {
	return map[string][]FileResult{
		"fixture": fixtureFiles(), "machine": machineFiles(), "hostile": {hostileFile()},
		"latency": latencyFiles(), "snapshots": snapshotFiles(false), "snapshots-update": snapshotFiles(true),
		"timelines": htmlFixture(), "payloads-omitted": payloadsOmitted(),
	}
}

// payloadsOmitted is a test whose timeline lost its payloads to the run's budget.
func payloadsOmitted() []FileResult {
	tl := chatTimeline()
	tl.PayloadsOmitted = true
	return []FileResult{{Path: "a.test.js", Status: Passed, Duration: ms(9), Tests: []TestResult{
		{Name: "talks", FullName: "talks", Status: Passed, Duration: ms(8), Timeline: tl}}}}
}

// replayReporters are every reporter, the HTML one too, and pretty with -v and --latency.
func replayReporters() map[string]func(*bytes.Buffer) Reporter {
	reps := allReporters()
	reps["html"] = func(w *bytes.Buffer) Reporter { return NewHTML(w) }
	reps["pretty-latency-verbose"] = func(w *bytes.Buffer) Reporter {
		return NewPretty(w, PrettyOptions{Cwd: fixtureCwd, Latency: true, Verbose: true})
	}
	return reps
}

// TestReadJSONRoundTrip checks that a run written as JSON and read back prints the same in
// every reporter, the JSON one included (write, read, write gives the same bytes): the report
// holds all that any of them shows.
func TestReadJSONRoundTrip(t *testing.T) {
	reps := replayReporters()
	for set, files := range roundTripSets() {
		// The JSON report lists files by path; the reporters for people print them in the
		// order they come, so the original goes in that order too.
		files = sortedByPath(files, func(f FileResult) string { return f.Path })
		read := readBack(t, runReporter(t, func(w *bytes.Buffer) Reporter { return NewJSON(w) }, files, true))
		for name, newRep := range reps {
			t.Run(set+"/"+name, func(t *testing.T) {
				want := runReporter(t, newRep, files, true)
				if name == "json" || name == "html" {
					// encoding/json writes invalid UTF-8 as the escape \ufffd, and U+FFFD as it is.
					want = strings.ReplaceAll(want, `\ufffd`, "\uFFFD")
				}
				if got := replay(t, newRep, read); got != want {
					t.Errorf("read back, it prints:\n%s\nthe run printed:\n%s", got, want)
				}
			})
		}
	}
}

// TestReadJSONRun checks the run object's trip: what a run was started with comes back.
func TestReadJSONRun(t *testing.T) {
	start := time.Date(2026, 3, 4, 5, 6, 7, 890, time.UTC)
	info := RunInfo{Version: "1.2.3", Start: start, Shard: Shard{Index: 2, Count: 3}, Verbose: true, Latency: true}
	var out bytes.Buffer
	rep := NewJSON(&out)
	if err := rep.RunDone(Summary{Duration: ms(5), Run: info, SnapshotFiles: SnapshotFiles{Obsolete: []string{"x.snap"}}}); err != nil {
		t.Fatal(err)
	}
	r := readBack(t, out.String())
	if r.Summary.Run != info || r.Summary.Duration != ms(5) || r.Summary.SnapshotFiles.Obsolete[0] != "x.snap" {
		t.Errorf("read back %+v, want run %+v", r.Summary, info)
	}
	if !strings.Contains(out.String(), `"start": "2026-03-04T05:06:07.00000089Z"`) {
		t.Errorf("start is not RFC 3339:\n%s", out.String())
	}
}

func TestReadJSONRefuses(t *testing.T) {
	valid := runReporter(t, func(w *bytes.Buffer) Reporter { return NewJSON(w) }, []FileResult{chatFile()}, false)
	latency := runReporter(t, func(w *bytes.Buffer) Reporter { return NewJSON(w) }, latencyFiles()[:1], false)
	tests := []struct {
		name, in string
		is       error
		want     string
	}{
		{"not JSON", "PASS  a.test.js", ErrNotJSONReport, "invalid character"},
		{"a JUnit report", `<?xml version="1.0"?><testsuites/>`, ErrNotJSONReport, "invalid character"},
		{"an array", `[1, 2]`, ErrNotJSONReport, "cannot unmarshal array"},
		{"another JSON object", `{"name": "wsrun", "version": "1.0.0"}`, ErrNotJSONReport, `no "files" and "summary"`},
		{"newer format", `{"run": {"format": 2, "version": "3.0.0", "shard": "changed"}, "files": [], "summary": {}}`,
			ErrNewerFormat, "wsrun 3.0.0 wrote it in format 2, and this wsrun reads format 1 and older; use wsrun 3.0.0 or newer"},
		{"wrong type", strings.Replace(valid, `"retries": 0`, `"retries": "none"`, 1), ErrNotJSONReport, "files.tests.retries: want a number, not string"},
		{"file status", strings.Replace(valid, `"status": "failed"`, `"status": "broken"`, 1), nil,
			`files[0] "/home/dev/chat-app/scripts/chat.test.js": status "broken" is not passed, failed or skipped`},
		{"test status", strings.Replace(valid, `"status": "passed"`, `"status": "ok"`, 1), nil, `tests[0] "chat › one user joins": status "ok"`},
		{"direction", strings.Replace(valid, `"dir": "sent"`, `"dir": "up"`, 1), nil, `transcript "alice": direction "up"`},
		{"negative duration", strings.Replace(valid, `"duration": 5430`, `"duration": -1`, 1), nil, "duration -1 ms is out of range"},
		{"duration too long", strings.Replace(valid, `"duration": 5430`, `"duration": 1e300`, 1), nil, "out of range"},
		{"count off its histogram", strings.Replace(latency, `"count": 3`, `"count": 4`, 1), nil, `ws "join": count 4, but its histogram counts 3`},
		{"no histogram", strings.Replace(latency, `"histogram": {`, `"histogram": null, "x": {`, 1), nil, `ws "join" has no histogram`},
		{"bad histogram", strings.Replace(latency, `"buckets": "`, `"buckets": "x `, 1), nil, `histogram: bucket "x" is not index:count`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.in == valid || tt.in == latency {
				t.Fatal("the case changes nothing in the report")
			}
			_, err := ReadJSON(strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) || (tt.is != nil && !errors.Is(err, tt.is)) {
				t.Errorf("error %v, want one saying %q (is %v)", err, tt.want, tt.is)
			}
		})
	}
}

// A report written before the run object and code frames existed still reads.
func TestReadJSONWithoutRun(t *testing.T) {
	r := readBack(t, `{"files": [{"path": "a.test.js", "status": "passed", "duration": 1, "tests": [
		{"name": "t", "fullName": "t", "status": "passed", "duration": 0.5, "retries": 0, "console": []}],
		"operations": []}], "operations": [], "summary": {"files": {"passed": 1, "failed": 0},
		"tests": {"passed": 1, "failed": 0, "skipped": 0, "flaky": 0}, "duration": 2, "interrupted": false, "success": true}}`)
	if len(r.Files) != 1 || r.Files[0].Tests[0].Duration != 500*time.Microsecond || r.Summary.Run != (RunInfo{}) || !r.Summary.OK() {
		t.Errorf("read %+v", r)
	}
}
