package report

import "fmt"

// MaxConsole bounds the console output a test keeps, in bytes of text: a script that logs in a
// loop must not hold the run's memory (a test that logged 2 GB made wsrun peak at 7 GB).
const MaxConsole = 1 << 20

// ConsoleLog collects a test's console output within MaxConsole: the first half of it and
// the latest half are kept, and what lay between becomes one entry that says how much was left
// out. The end of a flood is usually what explains a failure, and its start what set it off.
// The zero value is ready to use.
type ConsoleLog struct {
	head, tail            []ConsoleEntry
	headBytes, tailBytes  int
	skipped, skippedBytes int
}

// Add records one console call.
func (c *ConsoleLog) Add(level, text string) {
	const half = MaxConsole / 2
	if len(text) > half {
		// Room for the note, so that the line still fits in a half; and whole UTF-8 sequences.
		cut := half - 64
		for cut > 0 && text[cut]&0xC0 == 0x80 {
			cut--
		}
		text = fmt.Sprintf("%s… [wsrun: %d more bytes of this line left out]", text[:cut], len(text)-cut)
	}
	e := ConsoleEntry{Level: level, Text: text}
	if c.skipped == 0 && len(c.tail) == 0 && c.headBytes+len(text) <= half {
		c.head = append(c.head, e)
		c.headBytes += len(text)
		return
	}
	c.tail = append(c.tail, e)
	c.tailBytes += len(text)
	for c.tailBytes > half {
		c.skipped++
		c.skippedBytes += len(c.tail[0].Text)
		c.tailBytes -= len(c.tail[0].Text)
		c.tail[0] = ConsoleEntry{}
		c.tail = c.tail[1:]
	}
}

// Take returns what was logged, never nil, and empties c.
func (c *ConsoleLog) Take() []ConsoleEntry {
	out := make([]ConsoleEntry, 0, len(c.head)+1+len(c.tail))
	out = append(out, c.head...)
	if c.skipped > 0 {
		out = append(out, ConsoleEntry{Level: "warn", Text: fmt.Sprintf(
			"[wsrun] %s (%s) of console output left out here: a test keeps the first and the last %d KiB of it",
			Plural(c.skipped, "line"), Plural(c.skippedBytes, "byte"), MaxConsole/2>>10)})
	}
	out = append(out, c.tail...)
	*c = ConsoleLog{}
	return out
}
