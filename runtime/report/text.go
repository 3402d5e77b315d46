package report

import "strings"

// FailureText renders one failed test as the pretty reporter shows it — messages, code frames,
// transcripts and console output — for hosts that print failures their own way, such as a
// `go test` helper.
func FailureText(t TestResult, opts PrettyOptions) string {
	p := &pretty{opts: opts, c: opts.Colors}
	var b strings.Builder
	p.writeBlock(&b, t.FullName, t.Errors, t.Transcripts, t.Console)
	return b.String()
}

// ConsoleText renders a test's console output as the pretty reporter shows it.
func ConsoleText(entries []ConsoleEntry, opts PrettyOptions) string {
	p := &pretty{opts: opts, c: opts.Colors}
	var b strings.Builder
	p.writeConsole(&b, entries)
	return b.String()
}
