package engine

import (
	"strings"
	"testing"

	"github.com/wsrun/wsrun/runtime/report"
)

// TestTimelineBudget: once the run's timelines hold their budget of payload, later ones keep
// their entries (the diagram) without payloads, and say so.
func TestTimelineBudget(t *testing.T) {
	r := &runner{}
	timeline := func() *report.Timeline {
		return &report.Timeline{Entries: []report.TimelineEntry{
			{Dir: report.DirOpen, Conn: "a", Data: "ws://x/"},
			{Dir: report.DirSent, Conn: "a", Data: strings.Repeat("s", 40)},
			{Dir: report.DirReceived, Conn: "a", Data: strings.Repeat("r", 40)},
			{Dir: report.DirWait, Conn: "a", Data: "a.expect(\"r\")", Outcome: "satisfied"},
		}}
	}
	first := timeline()
	r.budgetTimelineOf(first, 150)
	if first.PayloadsOmitted || first.Entries[1].Data == "" {
		t.Fatalf("the first timeline fits the budget, yet lost its payloads: %+v", first)
	}
	second := timeline()
	r.budgetTimelineOf(second, 150)
	if !second.PayloadsOmitted || len(second.Entries) != 4 {
		t.Fatalf("past the budget: want every entry, payloads omitted; got %+v", second)
	}
	for _, e := range second.Entries {
		frame := e.Dir == report.DirSent || e.Dir == report.DirReceived
		if frame && (e.Data != "" || !e.Truncated) || !frame && e.Data == "" {
			t.Errorf("entry %+v: frames lose their payload, events keep what they say", e)
		}
	}
}
