package report

import (
	"fmt"
	"io"
	"strings"
)

// NewTAP returns the reporter that writes TAP version 14 (testanything.org): the version line,
// one test point per test, "ok N - path › full name" or "not ok N - …", and the plan "1..N" at
// the end, followed by nothing when the run was interrupted but "Bail out!" in its place.
//
// A failed test point is followed by YAML diagnostics ("  ---" … "  ..."): message, severity,
// at (file, line, column), stack, duration_ms, retries, every error when there are soft
// failures too, the tails of the test's transcripts and its console output. Skipped tests are
// "ok … # SKIP", todo tests "ok … # TODO"; a flaky test is "ok" with a "# flaky: …" comment
// line after it. A file's error that no test carries becomes a failed test point of its own,
// named after the file. Comment lines with the Files/Time/Tests summary precede the plan.
//
// Each file's test points are written in FileDone in one Write. A write error is kept and
// returned by RunDone. The reporter is not safe for concurrent use.
func NewTAP(w io.Writer) Reporter { return &tap{w: w} }

type tap struct {
	w       io.Writer
	n       int  // test points written so far
	started bool // the version line was written
	err     error
}

func (p *tap) FileDone(f FileResult) {
	var b strings.Builder
	p.version(&b)
	for _, t := range reportedTests(f) {
		p.n++
		writeTestPoint(&b, p.n, f.Path, t)
	}
	p.write(b.String())
}

func (p *tap) RunDone(s Summary) error {
	var b strings.Builder
	p.version(&b)
	fmt.Fprintf(&b, "# Files: %s\n", plain.countList(s.Files, false))
	fmt.Fprintf(&b, "# Time:  %s\n", formatSeconds(s.Duration))
	fmt.Fprintf(&b, "# Tests: %s\n", plain.countList(s.Tests, true))
	if s.Interrupted {
		fmt.Fprintf(&b, "Bail out! %s\n", interruptedLine)
	} else {
		fmt.Fprintf(&b, "1..%d\n", p.n)
	}
	p.write(b.String())
	return p.err
}

// version writes the version line before the first output.
func (p *tap) version(b *strings.Builder) {
	if !p.started {
		b.WriteString("TAP version 14\n")
		p.started = true
	}
}

// write sends s to the writer unless an earlier write failed.
func (p *tap) write(s string) {
	if p.err != nil {
		return
	}
	if _, err := io.WriteString(p.w, s); err != nil {
		p.err = fmt.Errorf("tap reporter: %w", err)
	}
}

// writeTestPoint writes test number n of the file at path, with its directive, comment or
// diagnostics.
func writeTestPoint(b *strings.Builder, n int, path string, t TestResult) {
	desc := tapDescription(path, t)
	switch t.Status {
	case Passed:
		fmt.Fprintf(b, "ok %d - %s\n", n, desc)
		if note := flakyText(t); note != "" {
			fmt.Fprintf(b, "# %s\n", note)
		}
	case Skipped:
		if t.Reason != "" {
			fmt.Fprintf(b, "ok %d - %s # SKIP %s\n", n, desc, tapEscape(oneLine(t.Reason)))
			break
		}
		fmt.Fprintf(b, "ok %d - %s # SKIP\n", n, desc)
	case Todo:
		fmt.Fprintf(b, "ok %d - %s # TODO\n", n, desc)
	default:
		fmt.Fprintf(b, "not ok %d - %s\n", n, desc)
		writeTAPDiagnostics(b, t)
	}
}

// tapDescription is "path › full name" on one line, with "#" and "\" escaped as TAP 14 asks so
// that no part of a name reads as a directive. A test named after its file is just the path.
func tapDescription(path string, t TestResult) string {
	desc := testName(t)
	if desc != path {
		desc = path + " › " + desc
	}
	return tapEscape(oneLine(desc))
}

// tapEscape escapes "#" and "\" so that no part of s reads as a TAP directive.
func tapEscape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), "#", `\#`)
}

// writeTAPDiagnostics writes the YAML block under a failed test point.
func writeTAPDiagnostics(b *strings.Builder, t TestResult) {
	b.WriteString("  ---\n")
	errs := t.Errors
	if len(errs) == 0 {
		errs = []Failure{{Message: "the test failed without an error"}}
	}
	writeYAMLFailure(b, errs[0], 2, "  ")
	b.WriteString("  severity: fail\n")
	fmt.Fprintf(b, "  duration_ms: %s\n", millis(t.Duration))
	if t.Retries > 0 {
		fmt.Fprintf(b, "  retries: %d\n", t.Retries)
	}
	if len(errs) > 1 {
		b.WriteString("  errors:\n")
		for _, e := range errs {
			writeYAMLFailure(b, e, 6, "    - ")
		}
	}
	writeYAMLTranscripts(b, t.Transcripts)
	if len(t.Console) > 0 {
		b.WriteString("  console:\n")
		for _, c := range t.Console {
			fmt.Fprintf(b, "    - level: %s\n", yamlQuoted(c.Level))
			fmt.Fprintf(b, "      text: %s\n", yamlString(c.Text, 6))
		}
	}
	b.WriteString("  ...\n")
}

// writeYAMLFailure writes an error's message, at and stack as keys at indent spaces; lead
// comes before the first key instead of the indentation, so that it can start a list item.
func writeYAMLFailure(b *strings.Builder, e Failure, indent int, lead string) {
	pad := strings.Repeat(" ", indent)
	fmt.Fprintf(b, "%smessage: %s\n", lead, yamlString(e.Message, indent))
	if l := e.Location; l != nil && l.File != "" {
		fmt.Fprintf(b, "%sat:\n%s  file: %s\n%s  line: %d\n%s  column: %d\n",
			pad, pad, yamlQuoted(l.File), pad, l.Line, pad, l.Column)
	}
	if e.Stack != "" {
		fmt.Fprintf(b, "%sstack: %s\n", pad, yamlString(strings.TrimRight(e.Stack, "\n"), indent))
	}
}

// writeYAMLTranscripts writes the tails of a test's transcripts, one string per entry.
func writeYAMLTranscripts(b *strings.Builder, ts []Transcript) {
	if len(ts) == 0 {
		return
	}
	b.WriteString("  transcripts:\n")
	for _, tr := range ts {
		fmt.Fprintf(b, "    - conn: %s\n", yamlQuoted(tr.Conn))
		if tr.Omitted > 0 {
			fmt.Fprintf(b, "      omitted: %d\n", tr.Omitted)
		}
		if len(tr.Entries) == 0 {
			b.WriteString("      frames: []\n")
			continue
		}
		b.WriteString("      frames:\n")
		for _, e := range tr.Entries {
			line := formatOffset(e.At) + " " + e.Dir + " " + e.Conn
			if e.Data != "" {
				line += "  " + oneLine(e.Data)
			}
			fmt.Fprintf(b, "        - %s\n", yamlQuoted(line))
		}
	}
}
