package report

import (
	"bytes"
	"strings"
	"testing"
)

// runReporter feeds files through an Aggregator and the reporter newRep makes, and returns what
// it wrote.
func runReporter(t *testing.T, newRep func(*bytes.Buffer) Reporter, files []FileResult, interrupted bool) string {
	t.Helper()
	var out bytes.Buffer
	rep := newRep(&out)
	var agg Aggregator
	for _, f := range files {
		agg.Add(f)
		rep.FileDone(f)
	}
	if err := rep.RunDone(agg.Summary(fixtureDuration, interrupted)); err != nil {
		t.Fatalf("RunDone: %v", err)
	}
	return out.String()
}

// allReporters makes every reporter of the package, plain, writing to w.
func allReporters() map[string]func(*bytes.Buffer) Reporter {
	opts := PrettyOptions{Cwd: fixtureCwd}
	return map[string]func(*bytes.Buffer) Reporter{
		"pretty": func(w *bytes.Buffer) Reporter { return NewPretty(w, opts) },
		"dot":    func(w *bytes.Buffer) Reporter { return NewDot(w, opts) },
		"github": func(w *bytes.Buffer) Reporter { return NewGitHub(w, opts) },
		"junit":  func(w *bytes.Buffer) Reporter { return NewJUnit(w) },
		"tap":    func(w *bytes.Buffer) Reporter { return NewTAP(w) },
		"json":   func(w *bytes.Buffer) Reporter { return NewJSON(w) },
	}
}

func TestReportersGolden(t *testing.T) {
	tests := []struct {
		golden string
		rep    func(*bytes.Buffer) Reporter
		files  []FileResult
	}{
		{"dot.golden", func(w *bytes.Buffer) Reporter { return NewDot(w, PrettyOptions{Cwd: fixtureCwd}) }, fixtureFiles()},
		{"dot-color.golden", func(w *bytes.Buffer) Reporter {
			return NewDot(w, PrettyOptions{Cwd: fixtureCwd, Colors: NewColors(true)})
		}, fixtureFiles()},
		{"github.golden", func(w *bytes.Buffer) Reporter { return NewGitHub(w, PrettyOptions{Cwd: fixtureCwd}) }, fixtureFiles()},
		{"junit.golden", func(w *bytes.Buffer) Reporter { return NewJUnit(w) }, machineFiles()},
		{"tap.golden", func(w *bytes.Buffer) Reporter { return NewTAP(w) }, machineFiles()},
		{"json.golden", func(w *bytes.Buffer) Reporter { return NewJSON(w) }, machineFiles()},
		{"junit-hostile.golden", func(w *bytes.Buffer) Reporter { return NewJUnit(w) }, []FileResult{hostileFile()}},
		{"tap-hostile.golden", func(w *bytes.Buffer) Reporter { return NewTAP(w) }, []FileResult{hostileFile()}},
		{"json-hostile.golden", func(w *bytes.Buffer) Reporter { return NewJSON(w) }, []FileResult{hostileFile()}},
		{"github-hostile.golden", func(w *bytes.Buffer) Reporter { return NewGitHub(w, PrettyOptions{}) }, []FileResult{hostileFile()}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			t.Parallel()
			checkGolden(t, tt.golden, runReporter(t, tt.rep, tt.files, false))
		})
	}
}

// TestReportersWriteError checks that every reporter returns a failed write from RunDone.
func TestReportersWriteError(t *testing.T) {
	opts := PrettyOptions{}
	reps := map[string]func(w *failingWriter) Reporter{
		"dot":    func(w *failingWriter) Reporter { return NewDot(w, opts) },
		"github": func(w *failingWriter) Reporter { return NewGitHub(w, opts) },
		"junit":  func(w *failingWriter) Reporter { return NewJUnit(w) },
		"tap":    func(w *failingWriter) Reporter { return NewTAP(w) },
		"json":   func(w *failingWriter) Reporter { return NewJSON(w) },
	}
	for name, newRep := range reps {
		t.Run(name, func(t *testing.T) {
			w := &failingWriter{}
			rep := newRep(w)
			rep.FileDone(authFile())
			rep.FileDone(chatFile())
			err := rep.RunDone(Summary{})
			if err == nil || !strings.Contains(err.Error(), "disk full") || !strings.Contains(err.Error(), name) {
				t.Errorf("RunDone = %v, want the write error naming the %s reporter", err, name)
			}
			if w.calls > 1 {
				t.Errorf("%d writes after an error, want to stop after the first", w.calls-1)
			}
		})
	}
}

// TestReportersEmptyRun checks that a run without files still gives a complete report.
func TestReportersEmptyRun(t *testing.T) {
	want := map[string]string{
		"pretty": "Files: 0 passed, 0 failed\n",
		"dot":    "Files: 0 passed, 0 failed\n",
		"github": "Files: 0 passed, 0 failed\n",
		"junit":  `<testsuites name="wsrun" tests="0" failures="0" errors="0" time="6.420">` + "\n</testsuites>\n",
		"tap":    "TAP version 14\n# Files: 0 passed, 0 failed\n# Time:  6.42s\n# Tests: 0 passed, 0 failed, 0 skipped\n1..0\n",
		"json":   `"files": [],`,
	}
	for name, newRep := range allReporters() {
		t.Run(name, func(t *testing.T) {
			out := runReporter(t, newRep, nil, false)
			if !strings.Contains(out, want[name]) {
				t.Errorf("got\n%s\nwant it to contain\n%s", out, want[name])
			}
		})
	}
}

// TestReportersNeverLoseAFileError checks that a file's error that no test carries still shows
// up in every report, once.
func TestReportersNeverLoseAFileError(t *testing.T) {
	f := FileResult{Path: "a.test.js", Status: Failed, Error: &Failure{Message: "afterAll hook failed:\nboom"},
		Tests: []TestResult{{Name: "ok", FullName: "ok", Status: Passed}}}
	for name, newRep := range allReporters() {
		t.Run(name, func(t *testing.T) {
			out := runReporter(t, newRep, []FileResult{f}, false)
			want := 1
			if name == "github" {
				want = 2 // the pretty block and the annotation
			}
			if n := strings.Count(out, "boom"); n != want {
				t.Errorf("the file's error shown %d times, want %d:\n%s", n, want, out)
			}
		})
	}
}

func TestFileFailure(t *testing.T) {
	hook := Failure{Message: "beforeAll hook failed:\nboom", Location: &Location{File: "a.js", Line: 1, Column: 1}}
	tests := []struct {
		name string
		f    FileResult
		want string // the synthetic test's message, "" for none
	}{
		{"passed file", FileResult{Path: "a.js", Status: Passed}, ""},
		{"load error the engine reported as a test", brokenFile(), ""},
		{"beforeAll error its tests carry", roomsFile(), ""},
		{"error no test carries", FileResult{Path: "a.js", Status: Failed, Error: &hook,
			Tests: []TestResult{{Status: Passed}}}, hook.Message},
		{"error no test carries, beside a failed test", FileResult{Path: "a.js", Status: Failed, Error: &hook,
			Tests: []TestResult{{Status: Failed, Errors: []Failure{{Message: "other"}}}}}, hook.Message},
		{"failed with no reason", FileResult{Path: "a.js", Status: Failed, Tests: []TestResult{{Status: Passed}}}, noReasonMessage},
		{"failed test, no file error", FileResult{Path: "a.js", Status: Failed,
			Tests: []TestResult{{Status: Failed}}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := fileFailure(tt.f)
			if ok != (tt.want != "") {
				t.Fatalf("fileFailure = %v, %v; want a test: %v", got, ok, tt.want != "")
			}
			if ok && (got.FullName != tt.f.Path || got.Status != Failed || got.Errors[0].Message != tt.want) {
				t.Errorf("fileFailure = %+v", got)
			}
			if n := len(reportedTests(tt.f)) - len(tt.f.Tests); n != map[bool]int{true: 1}[ok] {
				t.Errorf("reportedTests adds %d tests", n)
			}
		})
	}
}

// TestTerminalReportersEscapeControls checks that nothing a server or script sent reaches the
// terminal as a control character: no NUL, no escape sequence, no carriage return.
func TestTerminalReportersEscapeControls(t *testing.T) {
	for _, name := range []string{"pretty", "dot", "github"} {
		t.Run(name, func(t *testing.T) {
			out := runReporter(t, allReporters()[name], []FileResult{hostileFile()}, false)
			for _, c := range []string{"\x00", "\x1b", "\r"} {
				if strings.Contains(out, c) {
					t.Errorf("the output contains %q:\n%s", c, out)
				}
			}
		})
	}
}
