package report

import (
	"bytes"
	"strings"
	"testing"
)

func runDot(t *testing.T, opts PrettyOptions, files []FileResult, interrupted bool) string {
	t.Helper()
	return runReporter(t, func(w *bytes.Buffer) Reporter { return NewDot(w, opts) }, files, interrupted)
}

// TestDotReusesPretty checks that after the dots, the dot reporter prints each failed file's
// header and failure blocks and the summary exactly as the pretty reporter does.
func TestDotReusesPretty(t *testing.T) {
	for _, c := range []Colors{{}, NewColors(true)} {
		opts := PrettyOptions{Cwd: fixtureCwd, Colors: c}
		out := runDot(t, opts, fixtureFiles(), true)
		dots, rest, ok := strings.Cut(out, "\n\n")
		if !ok {
			t.Fatalf("no blank line after the dots:\n%s", out)
		}
		if got := stripANSI(dots); got != "···○·FFF○○FFF" {
			t.Errorf("dots %q", got)
		}
		var want strings.Builder
		p := NewPretty(nil, opts).(*pretty)
		for _, f := range fixtureFiles() {
			if f.Status == Failed {
				if want.Len() > 0 {
					want.WriteByte('\n')
				}
				p.writeHeader(&want, f)
				p.writeFailures(&want, f)
			}
		}
		want.WriteByte('\n')
		p.writeSummary(&want, fixtureSummary(true))
		if rest != want.String() {
			t.Errorf("colors %v: after the dots got\n%s\nwant\n%s", c.enabled, rest, want.String())
		}
	}
}

// fixtureSummary is what an Aggregator makes of the fixture.
func fixtureSummary(interrupted bool) Summary {
	var agg Aggregator
	for _, f := range fixtureFiles() {
		agg.Add(f)
	}
	return agg.Summary(fixtureDuration, interrupted)
}

func TestDotColorIsOnlyPaint(t *testing.T) {
	plain := runDot(t, PrettyOptions{Cwd: fixtureCwd}, fixtureFiles(), false)
	colored := runDot(t, PrettyOptions{Cwd: fixtureCwd, Colors: NewColors(true)}, fixtureFiles(), false)
	if plain == colored || stripANSI(colored) != plain {
		t.Errorf("colored output is not the plain output painted:\n%s", stripANSI(colored))
	}
}

func TestDotWraps(t *testing.T) {
	f := FileResult{Path: "many.test.js", Status: Passed}
	for range dotsPerLine + 5 {
		f.Tests = append(f.Tests, TestResult{Name: "t", Status: Passed})
	}
	out := runDot(t, PrettyOptions{}, []FileResult{f, f}, false)
	want := strings.Repeat("·", dotsPerLine) + "\n" + strings.Repeat("·", dotsPerLine) + "\n" + strings.Repeat("·", 10) +
		"\n\nFiles: 2 passed, 0 failed\n"
	if !strings.HasPrefix(out, want) {
		t.Errorf("got\n%s\nwant it to start with\n%s", out, want)
	}
}
