package report

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/fatih/color"
)

// PrettyOptions configures the pretty reporter.
type PrettyOptions struct {
	// Colors paints the output; its zero value prints plain text.
	Colors Colors
	// Verbose prints the console output of passing tests too, not only of failed ones.
	Verbose bool
	// Cwd is the directory paths are shown relative to, when they lie inside it.
	Cwd string
	// Latency prints the run's operations as a table above the summary (--latency).
	Latency bool
}

// NewPretty returns the human-readable reporter: per file a PASS/FAIL header and one line per
// test, then a block for every failure with its message, code frame, transcripts and console,
// and at the end the Files/Time/Tests summary. Each file's output is written to w in one Write.
// A write error is kept and returned by RunDone. The reporter is not safe for concurrent use.
func NewPretty(w io.Writer, opts PrettyOptions) Reporter {
	return newPretty("pretty", w, opts)
}

// newPretty returns a pretty reporter whose write errors say they come from the reporter name.
func newPretty(name string, w io.Writer, opts PrettyOptions) *pretty {
	return &pretty{name: name, w: w, opts: opts, c: opts.Colors}
}

type pretty struct {
	name    string // the reporter's name in write errors: pretty, or one built on it
	w       io.Writer
	opts    PrettyOptions
	c       Colors
	started bool  // something was written; the next section starts with a blank line
	err     error // the first write error
}

func (p *pretty) FileDone(f FileResult) {
	var b strings.Builder
	p.writeFile(&b, f)
	p.write(b.String())
}

// writeFile writes a file's section: its header, one line per test, what happened to its
// snapshots and its failure blocks, after a blank line when something came before.
func (p *pretty) writeFile(b *strings.Builder, f FileResult) {
	if p.started {
		b.WriteByte('\n')
	}
	p.writeHeader(b, f)
	for _, t := range f.Tests {
		p.writeTestLine(b, t)
	}
	p.writeSnapshots(b, f.Snapshots)
	p.writeFailures(b, f)
}

func (p *pretty) RunDone(s Summary) error {
	var b strings.Builder
	if p.started {
		b.WriteByte('\n')
	}
	p.writeSummary(&b, s)
	p.write(b.String())
	return p.err
}

// write sends s to the writer unless an earlier write failed.
func (p *pretty) write(s string) {
	p.started = true
	if p.err != nil {
		return
	}
	if _, err := io.WriteString(p.w, s); err != nil {
		p.err = fmt.Errorf("%s reporter: %w", p.name, err)
	}
}

// writeHeader writes "PASS  dir/file.test.js (0.42s)", the badge inverse and the file name bold.
func (p *pretty) writeHeader(b *strings.Builder, f FileResult) {
	badge := p.c.paint("PASS", color.Bold, color.ReverseVideo, color.FgGreen)
	switch f.Status {
	case Failed:
		badge = p.c.paint("FAIL", color.Bold, color.ReverseVideo, color.FgRed)
	case Skipped:
		badge = p.c.paint("SKIP", color.Bold, color.ReverseVideo, color.FgYellow)
	}
	path := oneLine(p.rel(f.Path))
	dir, base := filepath.Split(path)
	fmt.Fprintf(b, "%s  %s%s %s\n", badge, p.c.Dim(dir), p.c.Bold(base),
		p.c.Dim("("+formatSeconds(f.Duration)+")"))
}

// writeTestLine writes one test's ✓/✗/○ line and, when verbose, a passing test's console.
func (p *pretty) writeTestLine(b *strings.Builder, t TestResult) {
	name := oneLine(testName(t))
	switch t.Status {
	case Passed:
		fmt.Fprintf(b, "  %s %s %s%s\n", p.c.Green("✓"), name,
			p.c.Dim("("+formatDuration(t.Duration)+")"), p.flakyNote(t))
		if p.opts.Verbose && len(t.Console) > 0 {
			p.writeConsole(b, t.Console)
		}
	case Failed:
		fmt.Fprintf(b, "  %s %s %s%s\n", p.c.Red("✗"), name,
			p.c.Dim("("+formatDuration(t.Duration)+")"), p.retryNote(t))
	case Todo:
		fmt.Fprintf(b, "  %s %s %s\n", p.c.Yellow("○"), name, p.c.Dim("(todo)"))
	default:
		why := "skipped"
		if t.Reason != "" {
			why = oneLine(t.Reason)
		}
		fmt.Fprintf(b, "  %s %s %s\n", p.c.Yellow("○"), name, p.c.Dim("("+why+")"))
	}
}

// flakyNote says on which retry a flaky test passed.
func (p *pretty) flakyNote(t TestResult) string {
	if note := flakyText(t); note != "" {
		return " " + p.c.Yellow(note)
	}
	return ""
}

// retryNote says how often a failed test was tried, when it was retried.
func (p *pretty) retryNote(t TestResult) string {
	if note := retryText(t); note != "" {
		return " " + p.c.Dim(note)
	}
	return ""
}

// rel shows a path relative to the working directory when it is inside it.
func (p *pretty) rel(path string) string { return relPath(p.opts.Cwd, path) }

// testName is what a test is called in the output: its full name, or its name if that is empty.
func testName(t TestResult) string {
	if t.FullName != "" {
		return t.FullName
	}
	return t.Name
}
