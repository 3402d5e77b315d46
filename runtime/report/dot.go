package report

import (
	"io"
	"strings"
)

// dotsPerLine is where the dot reporter starts a new line, so that a long run stays readable in
// a terminal and in CI logs alike.
const dotsPerLine = 80

// NewDot returns the compact reporter: one character per test as each file finishes, "·" for a
// pass (yellow when it was flaky), "F" for a failure and "○" for a skipped or todo test, then,
// at the end, the header and failure blocks of every failed file and the summary lines, exactly
// as the pretty reporter prints them. A file's error that no test carries counts as one "F",
// as it counts as one failed test in the summary. opts.Verbose has no effect: there are no test
// lines to print passing tests' console under. Writes and errors are as NewPretty's.
func NewDot(w io.Writer, opts PrettyOptions) Reporter {
	return &dot{p: newPretty("dot", w, opts)}
}

type dot struct {
	p        *pretty
	col      int             // characters on the current line of dots
	failures strings.Builder // the failed files' sections, printed at the end
}

func (d *dot) FileDone(f FileResult) {
	var b strings.Builder
	for _, t := range reportedTests(f) {
		if d.col == dotsPerLine {
			b.WriteByte('\n')
			d.col = 0
		}
		b.WriteString(d.mark(t))
		d.col++
	}
	if b.Len() > 0 {
		d.p.write(b.String())
	}
	if f.Status == Failed {
		d.failures.WriteByte('\n')
		d.p.writeHeader(&d.failures, f)
		d.p.writeFailures(&d.failures, f)
	}
}

// mark is the character that stands for one test.
func (d *dot) mark(t TestResult) string {
	switch t.Status {
	case Passed:
		if t.Flaky {
			return d.p.c.Yellow("·")
		}
		return d.p.c.Green("·")
	case Failed:
		return d.p.c.Red("F")
	}
	return d.p.c.Yellow("○")
}

func (d *dot) RunDone(s Summary) error {
	var b strings.Builder
	if d.col > 0 {
		b.WriteByte('\n')
	}
	b.WriteString(d.failures.String())
	if d.p.started || b.Len() > 0 {
		b.WriteByte('\n')
	}
	d.p.writeSummary(&b, s)
	d.p.write(b.String())
	return d.p.err
}
