package report

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// NewJUnit returns the reporter that writes a JUnit XML document, the format CI servers read
// test results from. It follows the common schema CI servers use (Jenkins' junit-4.xsd):
//
//   - a <testsuites> root with the totals of the tests listed in it;
//   - one <testsuite> per file, in order of path, named by its path, with tests, failures,
//     errors and skipped counts and the file's time in seconds;
//   - one <testcase> per test, with classname the file's path, name the test's full name and
//     its time; a failed test has a <failure> whose message is the first line of its first
//     error, whose type is AssertionError for a failed expect and the error's name otherwise,
//     and whose text is the full failure text of all its errors as the pretty reporter prints
//     it (control characters a server sent shown as \xNN, as there); a skipped test has
//     <skipped/>, or <skipped>reason</skipped> when it has a Reason (--bail), and a todo
//     test <skipped>todo</skipped>; the transcript tails, console output and flaky note of a test
//     are in its <system-out>.
//
// A file's own error (a syntax error, a failing hook) appears in the testcases of the tests the
// engine failed with it; if no test carries it, a failed testcase named after the file does. A
// wsrun test never ends in an "error" as JUnit means it, so errors is always 0. An interrupted
// run is marked by a comment at the top of the root element.
//
// The document is well-formed whatever bytes a server sent: see writeXMLText. It is written in
// RunDone in one Write; a write error is returned from there. The reporter is not safe for
// concurrent use.
func NewJUnit(w io.Writer) Reporter { return &junit{w: w} }

type junit struct {
	w     io.Writer
	files []FileResult
}

func (j *junit) FileDone(f FileResult) { j.files = append(j.files, f) }

// junitCounts tallies one testsuite or the whole document.
type junitCounts struct{ tests, failures, skipped int }

func (c *junitCounts) add(t TestResult) {
	c.tests++
	switch t.Status {
	case Failed:
		c.failures++
	case Skipped, Todo:
		c.skipped++
	}
}

func (j *junit) RunDone(s Summary) error {
	var suites strings.Builder
	var total junitCounts
	for _, f := range sortedByPath(j.files, func(f FileResult) string { return f.Path }) {
		total = total.plus(j.writeSuite(&suites, f))
	}
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	fmt.Fprintf(&b, `<testsuites name="wsrun" tests="%d" failures="%d" errors="0" time="%s">`+"\n",
		total.tests, total.failures, junitTime(s.Duration))
	if s.Interrupted {
		fmt.Fprintf(&b, "  <!-- %s -->\n", interruptedLine)
	}
	b.WriteString(suites.String())
	b.WriteString("</testsuites>\n")
	if _, err := io.WriteString(j.w, b.String()); err != nil {
		return fmt.Errorf("junit reporter: %w", err)
	}
	return nil
}

func (c junitCounts) plus(d junitCounts) junitCounts {
	return junitCounts{c.tests + d.tests, c.failures + d.failures, c.skipped + d.skipped}
}

// writeSuite writes one file's <testsuite> and returns its counts.
func (j *junit) writeSuite(b *strings.Builder, f FileResult) junitCounts {
	tests := reportedTests(f)
	var c junitCounts
	for _, t := range tests {
		c.add(t)
	}
	fmt.Fprintf(b, `  <testsuite name="%s" tests="%d" failures="%d" errors="0" skipped="%d" time="%s">`+"\n",
		xmlAttr(f.Path), c.tests, c.failures, c.skipped, junitTime(f.Duration))
	for _, t := range tests {
		writeTestCase(b, f.Path, t)
	}
	b.WriteString("  </testsuite>\n")
	return c
}

// writeTestCase writes one <testcase> with its outcome and output.
func writeTestCase(b *strings.Builder, path string, t TestResult) {
	fmt.Fprintf(b, `    <testcase classname="%s" name="%s" time="%s"`, xmlAttr(path), xmlAttr(testName(t)),
		junitTime(t.Duration))
	out := outputText(t)
	if out == "" && t.Status == Passed {
		b.WriteString("/>\n")
		return
	}
	b.WriteString(">\n")
	switch t.Status {
	case Failed:
		writeJUnitFailure(b, t.Errors)
	case Todo:
		b.WriteString("      <skipped>todo</skipped>\n")
	case Skipped:
		if t.Reason == "" {
			b.WriteString("      <skipped/>\n")
			break
		}
		b.WriteString("      <skipped>") // junit-4.xsd's skipped is text, with no attributes
		writeXMLText(b, t.Reason, false)
		b.WriteString("</skipped>\n")
	}
	if out != "" {
		b.WriteString("      <system-out>")
		writeXMLText(b, out, false)
		b.WriteString("</system-out>\n")
	}
	b.WriteString("    </testcase>\n")
}

// writeJUnitFailure writes the <failure> of a failed test: one element for all its errors, so
// that a test counts as one failure however many soft failures it had.
func writeJUnitFailure(b *strings.Builder, errs []Failure) {
	if len(errs) == 0 {
		errs = []Failure{{Message: "the test failed without an error"}}
	}
	fmt.Fprintf(b, `      <failure message="%s" type="%s">`, xmlAttr(firstLine(safeText(errs[0].Message))), xmlAttr(errorType(errs[0])))
	writeXMLText(b, failureText(errs), false)
	b.WriteString("</failure>\n")
}

// junitTime formats a duration as JUnit's seconds with millisecond precision.
func junitTime(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	return fmt.Sprintf("%.3f", d.Seconds())
}
