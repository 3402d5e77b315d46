package report

import (
	"fmt"
	"strings"
)

// interruptedLine is printed above the summary of a run that was stopped early.
const interruptedLine = "Interrupted: the run was stopped before it finished"

// writeSummary writes the closing lines of a run:
//
//	Files: 3 passed, 1 failed
//	Time:  1.42s
//	Tests: 12 passed, 1 failed, 2 skipped
//
// With PrettyOptions.Latency the table of the run's operations comes first (writeLatency),
// then a "Snapshots:" line when the run wrote, updated, removed or left obsolete a
// snapshot or a snapshot file. Files and Tests always show passed and failed; Tests always
// shows skipped, Files only when --bail left a file unrun; the flaky part only appears when a
// test was flaky. Colors never change the text, only paint it.
func (p *pretty) writeSummary(b *strings.Builder, s Summary) {
	if s.Interrupted {
		fmt.Fprintf(b, "%s\n\n", p.c.Yellow(interruptedLine))
	}
	if p.opts.Latency {
		p.writeLatency(b, s.Operations)
	}
	p.writeSnapshotSummary(b, s.Snapshots, s.SnapshotFiles)
	fmt.Fprintf(b, "%s %s\n", p.c.Bold("Files:"), p.countList(s.Files, false))
	fmt.Fprintf(b, "%s  %s\n", p.c.Bold("Time:"), formatSeconds(s.Duration))
	fmt.Fprintf(b, "%s %s\n", p.c.Bold("Tests:"), p.countList(s.Tests, true))
}

// countList formats counts as "12 passed, 1 failed" and, for tests, ", 2 skipped[, 1 flaky]";
// files show ", 2 skipped" only when --bail left files unrun.
// A count is colored only when it is not zero.
func (p *pretty) countList(c Counts, tests bool) string {
	parts := []string{
		p.count(c.Passed, "passed", p.c.Green),
		p.count(c.Failed, "failed", p.c.Red),
	}
	if tests || c.Skipped > 0 {
		parts = append(parts, p.count(c.Skipped, "skipped", p.c.Yellow))
		if c.Flaky > 0 {
			parts = append(parts, p.count(c.Flaky, "flaky", p.c.Yellow))
		}
	}
	return strings.Join(parts, ", ")
}

// count formats "n word", painted when n is not zero.
func (p *pretty) count(n int, word string, paint func(string) string) string {
	s := fmt.Sprintf("%d %s", n, word)
	if n == 0 {
		return s
	}
	return paint(s)
}
