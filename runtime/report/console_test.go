package report

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// A flood keeps its first and last half of MaxConsole, and one entry counts what lay between.
func TestConsoleLogKeepsHeadAndTail(t *testing.T) {
	var c ConsoleLog
	line := strings.Repeat("x", 1000)
	const n = 5000 // 5 MB: five times what is kept
	for i := 0; i < n; i++ {
		c.Add("log", fmt.Sprintf("%05d %s", i, line))
	}
	got := c.Take()
	size := 0
	for _, e := range got {
		size += len(e.Text)
	}
	if size > MaxConsole+200 {
		t.Errorf("kept %d bytes, want at most about %d", size, MaxConsole)
	}
	if !strings.HasPrefix(got[0].Text, "00000 ") || !strings.HasPrefix(got[len(got)-1].Text, fmt.Sprintf("%05d ", n-1)) {
		t.Errorf("first %.6q, last %.6q: want the first and the last line", got[0].Text, got[len(got)-1].Text)
	}
	var marker *ConsoleEntry
	kept := 0
	for i := range got {
		if strings.HasPrefix(got[i].Text, "[wsrun]") {
			marker = &got[i]
		} else {
			kept++
		}
	}
	want := fmt.Sprintf("[wsrun] %d lines (%d bytes) of console output left out here", n-kept, (n-kept)*1006)
	if marker == nil || !strings.HasPrefix(marker.Text, want) {
		t.Errorf("marker %v, want it to start %q", marker, want)
	}
	if again := c.Take(); len(again) != 0 || again == nil {
		t.Errorf("after Take, Take = %#v, want empty and not nil", again)
	}
}

// Output within the limit is kept whole; one line longer than half the limit is cut whole
// characters short.
func TestConsoleLogSmallAndHuge(t *testing.T) {
	var c ConsoleLog
	c.Add("info", "a")
	c.Add("warn", "b")
	if got := c.Take(); len(got) != 2 || got[0] != (ConsoleEntry{"info", "a"}) || got[1] != (ConsoleEntry{"warn", "b"}) {
		t.Errorf("Take = %v", got)
	}
	c.Add("log", strings.Repeat("é", MaxConsole)) // 2 MiB of 2-byte characters
	got := c.Take()
	if len(got) != 1 || !utf8.ValidString(got[0].Text) || len(got[0].Text) > MaxConsole/2 ||
		!strings.HasSuffix(got[0].Text, " more bytes of this line left out]") {
		t.Errorf("a huge line became %d bytes ending %q", len(got[0].Text), got[0].Text[len(got[0].Text)-60:])
	}
}
