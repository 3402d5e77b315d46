package report

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wsrun/wsrun/internal/goldentest"
)

// runPretty feeds files through an Aggregator and a pretty reporter and returns the output.
func runPretty(t *testing.T, opts PrettyOptions, files []FileResult, interrupted bool) string {
	t.Helper()
	var out bytes.Buffer
	rep := NewPretty(&out, opts)
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

// checkGolden compares got with testdata/name, or rewrites the file under -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	goldentest.Check(t, filepath.Join("testdata", name), got)
}

func TestPrettyGolden(t *testing.T) {
	tests := []struct {
		name        string
		opts        PrettyOptions
		interrupted bool
	}{
		{"pretty.golden", PrettyOptions{Cwd: fixtureCwd}, false},
		{"pretty-color.golden", PrettyOptions{Cwd: fixtureCwd, Colors: NewColors(true)}, false},
		{"pretty-verbose.golden", PrettyOptions{Cwd: fixtureCwd, Verbose: true}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkGolden(t, tt.name, runPretty(t, tt.opts, fixtureFiles(), tt.interrupted))
		})
	}
}

// TestPrettyColorIsOnlyPaint checks that colors change no character of the text.
func TestPrettyColorIsOnlyPaint(t *testing.T) {
	plain := runPretty(t, PrettyOptions{Cwd: fixtureCwd}, fixtureFiles(), true)
	colored := runPretty(t, PrettyOptions{Cwd: fixtureCwd, Colors: NewColors(true)}, fixtureFiles(), true)
	if plain == colored {
		t.Fatal("colored output has no colors")
	}
	if got := stripANSI(colored); got != plain {
		t.Errorf("colored output without its escape codes differs from plain output:\n%s", got)
	}
}

func TestPrettySummary(t *testing.T) {
	tests := []struct {
		name string
		s    Summary
		want string
	}{
		{"failures and skips",
			Summary{Files: Counts{Passed: 3, Failed: 1}, Tests: Counts{Passed: 12, Failed: 1, Skipped: 2}, Duration: 1420 * 1e6},
			"Files: 3 passed, 1 failed\nTime:  1.42s\nTests: 12 passed, 1 failed, 2 skipped\n"},
		{"flaky",
			Summary{Files: Counts{Passed: 2}, Tests: Counts{Passed: 5, Skipped: 1, Flaky: 2}, Duration: 5e8},
			"Files: 2 passed, 0 failed\nTime:  0.50s\nTests: 5 passed, 0 failed, 1 skipped, 2 flaky\n"},
		{"interrupted",
			Summary{Files: Counts{Passed: 1}, Tests: Counts{Passed: 1}, Duration: 12345e6, Interrupted: true},
			"Interrupted: the run was stopped before it finished\n\nFiles: 1 passed, 0 failed\nTime:  12.35s\nTests: 1 passed, 0 failed, 0 skipped\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, c := range []Colors{{}, NewColors(true)} {
				var out bytes.Buffer
				if err := NewPretty(&out, PrettyOptions{Colors: c}).RunDone(tt.s); err != nil {
					t.Fatal(err)
				}
				if got := stripANSI(out.String()); got != tt.want {
					t.Errorf("colors %v: got\n%s\nwant\n%s", c.enabled, got, tt.want)
				}
			}
		})
	}
}

// TestPrettyBlankLineBeforeSummary checks the blank line that separates files from the summary.
func TestPrettyBlankLineBeforeSummary(t *testing.T) {
	out := runPretty(t, PrettyOptions{}, []FileResult{authFile()}, false)
	if !strings.Contains(out, "(skipped)\n\nFiles: 1 passed, 0 failed\n") {
		t.Errorf("no single blank line before the summary:\n%s", out)
	}
}

// TestPrettyFileErrorShownOnce checks that a file's error that its tests share is shown once,
// with what those tests printed.
func TestPrettyFileErrorShownOnce(t *testing.T) {
	tests := []struct {
		name, text, console string
	}{
		{"load error", "SyntaxError", "loading config"},
		{"failing beforeAll", "connection refused", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := brokenFile()
			if tt.name != "load error" {
				f = roomsFile()
			}
			out := runPretty(t, PrettyOptions{Cwd: fixtureCwd}, []FileResult{f}, false)
			if n := strings.Count(out, tt.text); n != 1 {
				t.Errorf("%q shown %d times, want 1:\n%s", tt.text, n, out)
			}
			if !strings.Contains(out, tt.console) {
				t.Errorf("console output %q lost:\n%s", tt.console, out)
			}
		})
	}
}

type failingWriter struct{ calls int }

func (w *failingWriter) Write(p []byte) (int, error) {
	w.calls++
	return 0, errors.New("disk full")
}

func TestPrettyWriteError(t *testing.T) {
	w := &failingWriter{}
	rep := NewPretty(w, PrettyOptions{})
	rep.FileDone(authFile())
	rep.FileDone(chatFile())
	err := rep.RunDone(Summary{})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("RunDone = %v, want the write error", err)
	}
	if w.calls != 1 {
		t.Errorf("%d writes after an error, want to stop after the first", w.calls-1)
	}
}

// stripANSI removes SGR escape sequences.
func stripANSI(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "\x1b[")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		j := strings.IndexByte(s[i:], 'm')
		if j < 0 {
			b.WriteString(s[i:])
			return b.String()
		}
		s = s[i+j+1:]
	}
}

// A failure block shows the transcripts of the connections its error names and the latest
// others, at most maxShownTranscripts, and counts the rest.
func TestShownTranscripts(t *testing.T) {
	var ts []Transcript
	for i := 1; i <= 30; i++ {
		ts = append(ts, Transcript{Conn: fmt.Sprintf("conn%d", i)})
	}
	shown, hidden := shownTranscripts([]Failure{{Message: "conn1: expect timed out; conn13 closed"}}, ts)
	var names []string
	for _, s := range shown {
		names = append(names, s.Conn)
	}
	if got := strings.Join(names, " "); got != "conn1 conn13 conn23 conn24 conn25 conn26 conn27 conn28 conn29 conn30" || hidden != 20 {
		t.Errorf("shown %s, %d hidden", got, hidden)
	}
	if shown, hidden := shownTranscripts(nil, ts[:3]); len(shown) != 3 || hidden != 0 {
		t.Errorf("three transcripts: shown %d, %d hidden", len(shown), hidden)
	}
}
