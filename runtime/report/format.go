package report

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"
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

// plural returns "1 frame" or "3 frames".
func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// oneLine makes text safe to print on one line: newlines become ⏎ and other control characters
// are escaped, so a frame from a server cannot break the layout or send escape codes to the
// user's terminal.
func oneLine(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString("⏎")
		case r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
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
