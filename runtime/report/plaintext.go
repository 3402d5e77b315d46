package report

import (
	"fmt"
	"strings"
)

// The machine formats (junit, tap) carry the same failure text a person sees in the terminal,
// without colors and without the pretty reporter's indentation, so that the text is written by
// one piece of code and reads the same everywhere.

// plain is a pretty reporter that only formats: no colors, paths shown as they are.
var plain = &pretty{}

// failureText is the full text of errs as the pretty reporter prints it: each error's message,
// code frame and "at" lines (its stack, or its location), errors separated by a blank line.
func failureText(errs []Failure) string {
	var b strings.Builder
	for _, e := range errs {
		plain.writeError(&b, e)
	}
	return dedent(strings.TrimPrefix(b.String(), "\n"), 4)
}

// outputText is what a test left behind besides its errors, as the pretty reporter prints it:
// a note when it was flaky or retried, the tails of its connections' transcripts, and its
// console output. It is empty when there is none of that.
func outputText(t TestResult) string {
	var b strings.Builder
	if note := flakyText(t) + retryText(t); note != "" {
		b.WriteString("    " + note + "\n")
	}
	for _, tr := range t.Transcripts {
		plain.writeTranscript(&b, tr)
	}
	if len(t.Console) > 0 {
		plain.writeConsole(&b, t.Console)
	}
	return dedent(b.String(), 4)
}

// dedent removes up to n leading spaces from every line of s.
func dedent(s string, n int) string {
	ls := strings.SplitAfter(s, "\n")
	for i, l := range ls {
		j := 0
		for j < n && j < len(l) && l[j] == ' ' {
			j++
		}
		ls[i] = l[j:]
	}
	return strings.Join(ls, "")
}

// firstLine is the first non-blank line of s, trimmed.
func firstLine(s string) string {
	for _, l := range lines(s) {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return ""
}

// errorType names the kind of a failure for formats that have a field for it: "AssertionError"
// for a failed expect, the error's own name for a message that starts with one ("TypeError: …"),
// and "Error" otherwise.
func errorType(e Failure) string {
	msg := strings.TrimSpace(e.Message)
	if strings.HasPrefix(msg, "expect(") || strings.HasPrefix(msg, "expect.") {
		return "AssertionError"
	}
	name, _, ok := strings.Cut(msg, ":")
	if ok && isErrorName(name) {
		return name
	}
	return "Error"
}

// isErrorName reports whether s looks like a JavaScript error class name: an identifier that
// starts with a capital letter and ends in "Error" or "Exception".
func isErrorName(s string) bool {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r == '$' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return strings.HasSuffix(s, "Error") || strings.HasSuffix(s, "Exception")
}

// flakyText says on which retry a flaky test passed, or is "" for a test that is not flaky.
func flakyText(t TestResult) string {
	switch {
	case !t.Flaky:
		return ""
	case t.Retries > 0:
		return fmt.Sprintf("flaky: passed on retry %d", t.Retries)
	}
	return "flaky"
}

// retryText says how often a failed test was tried, or is "" when it was not retried.
func retryText(t TestResult) string {
	if t.Status != Failed || t.Retries == 0 {
		return ""
	}
	return fmt.Sprintf("failed on all %d attempts", t.Retries+1)
}
