package report

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"
)

// formatDuration formats a test's duration the way people read it: whole milliseconds under a
// second ("12ms"), seconds with two decimals from there on ("1.23s").
func formatDuration(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	ms := d.Round(time.Millisecond) / time.Millisecond
	if ms < 1000 {
		return fmt.Sprintf("%dms", ms)
	}
	return formatSeconds(d)
}

// formatSeconds formats d as seconds with two decimals ("0.42s"), for file and run times.
func formatSeconds(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	return fmt.Sprintf("%.2fs", d.Seconds())
}

// formatOffset formats a transcript entry's time since the test started ("+0.003s").
func formatOffset(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	return fmt.Sprintf("+%.3fs", d.Seconds())
}

// relPath shows p relative to cwd when p lies inside cwd, and unchanged otherwise.
func relPath(cwd, p string) string {
	if cwd == "" || !filepath.IsAbs(p) {
		return p
	}
	rel, err := filepath.Rel(cwd, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return p
	}
	return rel
}

// Plural returns "1 frame" or "3 frames".
func Plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// oneLine makes text safe to print on one line: newlines become ⏎ and other control characters
// are escaped, so a frame from a server cannot break the layout or send escape codes to the
// user's terminal.
func oneLine(s string) string {
	return escapeControls(s, "⏎")
}

// safeText makes text from a script or a server (a failure message, console output) safe to
// print over several lines: line feeds stay, and every other control character is escaped as
// oneLine escapes it, so a carriage return cannot overwrite a line and an escape sequence cannot
// reach the terminal.
func safeText(s string) string {
	return escapeControls(s, "\n")
}

// escapeControls writes a line feed (or CR LF) as newline, keeps tabs, and escapes every other
// C0 or C1 control character, DEL too, as \xNN.
func escapeControls(s, newline string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString(newline)
		case r == '\t':
			b.WriteRune(r)
		case r < 0x20, r >= 0x7f && r <= 0x9f:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// lines splits text into lines, without the trailing empty line a final newline would make.
func lines(s string) []string {
	s = strings.TrimRight(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	return strings.Split(s, "\n")
}

// validUTF8 replaces every byte of s that is not part of valid UTF-8 with U+FFFD, one for each
// byte as ranging over a string does, so that every format shows the same text.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(r)
	}
	return b.String()
}
