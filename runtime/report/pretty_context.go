package report

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// writeTranscript writes the tail of one connection's entries: time since the test started,
// direction and connection name, then the entry's data on one line. Its text still counts
// "frames", the word users see.
func (p *pretty) writeTranscript(b *strings.Builder, t Transcript) {
	if len(t.Entries) == 0 && t.Omitted == 0 {
		return
	}
	count := Plural(len(t.Entries), "frame")
	if t.Omitted > 0 {
		count = "last " + count
	}
	fmt.Fprintf(b, "    %s\n", p.c.Bold(fmt.Sprintf("Transcript (%s, %s):", t.Conn, count)))
	if t.Omitted > 0 {
		fmt.Fprintf(b, "        %s\n", p.c.Dim("… "+Plural(t.Omitted, "earlier frame")))
	}
	atWidth, connWidth := 0, 0
	for _, e := range t.Entries {
		atWidth = max(atWidth, len(formatOffset(e.At)))
		connWidth = max(connWidth, utf8.RuneCountInString(e.Conn))
	}
	for _, e := range t.Entries {
		at := fmt.Sprintf("%*s", atWidth, formatOffset(e.At))
		line := fmt.Sprintf("        %s %s %s", p.c.Dim(at), p.direction(e.Dir), e.Conn)
		if e.Data != "" {
			line += strings.Repeat(" ", connWidth-utf8.RuneCountInString(e.Conn)+2) + p.entryData(e)
		}
		b.WriteString(line + "\n")
	}
}

// direction colors a transcript entry's arrow: sent cyan, received green, closed red, notes gray.
func (p *pretty) direction(dir string) string {
	switch dir {
	case Sent:
		return p.c.Cyan(dir)
	case Received:
		return p.c.Green(dir)
	case Closed:
		return p.c.Red(dir)
	}
	return p.c.Gray(dir)
}

// entryData is an entry's data on one line; notes are dimmed, being about the connection, not in it.
func (p *pretty) entryData(e TranscriptEntry) string {
	if e.Dir == Note {
		return p.c.Dim(oneLine(e.Data))
	}
	return oneLine(e.Data)
}

// consoleLevelWidth is the width of the widest console level, "debug" and "error".
const consoleLevelWidth = 5

// writeConsole writes captured console output under a "Console:" heading, the level in a
// column of its own and further lines of a message lined up under its first.
func (p *pretty) writeConsole(b *strings.Builder, entries []ConsoleEntry) {
	fmt.Fprintf(b, "    %s\n", p.c.Bold("Console:"))
	for _, e := range entries {
		level := fmt.Sprintf("%-*s", consoleLevelWidth, e.Level)
		indent := strings.Repeat(" ", len(level)+1)
		for i, l := range lines(safeText(e.Text)) {
			l = strings.TrimRight(l, " \t")
			switch {
			case i > 0 && l == "":
				b.WriteString("\n")
			case i > 0:
				fmt.Fprintf(b, "      %s%s\n", indent, l)
			case l == "":
				fmt.Fprintf(b, "      %s\n", p.consoleLevel(e.Level, e.Level))
			default:
				fmt.Fprintf(b, "      %s %s\n", p.consoleLevel(e.Level, level), l)
			}
		}
	}
}

// consoleLevel colors the level column: warnings yellow, errors red, the rest dim.
func (p *pretty) consoleLevel(level, text string) string {
	switch level {
	case "warn":
		return p.c.Yellow(text)
	case "error":
		return p.c.Red(text)
	}
	return p.c.Dim(text)
}
