package report

import (
	"encoding/hex"
	"time"
	"unicode/utf8"
)

// Timeline is one test's conversation as a sequence diagram needs it: the entries of every
// connection, client and server side, oldest first. A long one keeps its first and last
// entries and says how many between them it left out.
type Timeline struct {
	Entries []TimelineEntry `json:"entries"`
	// Omitted entries were left out between Entries[OmittedAt-1] and Entries[OmittedAt].
	Omitted   int `json:"omitted,omitempty"`
	OmittedAt int `json:"omittedAt,omitempty"`
	// PayloadsOmitted: the run's timelines reached their payload budget (the engine's
	// MaxTimelinePayload), so this one keeps its frames without their payloads.
	PayloadsOmitted bool `json:"payloadsOmitted,omitempty"`
}

// The directions of a TimelineEntry, in words as programs read them.
const (
	DirSent     = "sent"
	DirReceived = "received"
	DirOpen     = "open"  // Data is the URL
	DirClose    = "close" // Data is the code and reason
	DirNote     = "note"
	DirListen   = "listen" // a ws.serve server started; Data is its URL
	DirPing     = "ping"   // a ping arrived
	DirPong     = "pong"   // a pong arrived
	DirWait     = "wait"   // an expect* from Start to At; Data is the call, Outcome how it ended
)

// TimelineEntry is one entry of a Timeline.
type TimelineEntry struct {
	At     time.Duration `json:"at"` // since the test started; a wait's end
	Dir    string        `json:"dir"`
	Conn   string        `json:"conn"`
	Server bool          `json:"server,omitempty"` // the ws.serve side of a connection
	// Data is a text payload or what an event says; a binary payload in hex. At most
	// MaxTimelineData bytes of the payload are kept: Size is the payload's own size, in bytes.
	Data      string `json:"data"`
	Binary    bool   `json:"binary,omitempty"`
	Size      int    `json:"size,omitempty"`
	Truncated bool   `json:"truncated,omitempty"`
	// A wait's start and outcome: satisfied, timed out, failed or cancelled.
	Start   time.Duration `json:"start,omitempty"`
	Outcome string        `json:"outcome,omitempty"`
}

// MaxTimelineEntries is how many entries a test's Timeline keeps: the first half and the
// last half of its conversation, so both how it began and how it failed are there.
const MaxTimelineEntries = 500

// MaxTimelineData is how many bytes of a payload a TimelineEntry keeps (binary ones before
// hex encoding), so that a report with big frames stays small enough to attach to a CI run.
const MaxTimelineData = 8 << 10

// TimelineBuilder collects one test's entries into a Timeline of at most max entries. Its
// zero value keeps MaxTimelineEntries.
type TimelineBuilder struct {
	Max   int
	head  []TimelineEntry
	ring  []TimelineEntry // the newest entries once head is full
	total int
}

// Add appends one entry. payload is the frame's bytes for binary entries, else nil, in
// which case e.Data is the text.
func (b *TimelineBuilder) Add(e TimelineEntry, payload []byte) {
	max := b.Max
	if max <= 0 {
		max = MaxTimelineEntries
	}
	if payload != nil || e.Binary {
		e.Binary, e.Size = true, len(payload)
		if len(payload) > MaxTimelineData {
			payload, e.Truncated = payload[:MaxTimelineData], true
		}
		e.Data = hex.EncodeToString(payload)
	} else if e.Dir == DirSent || e.Dir == DirReceived {
		e.Size = len(e.Data)
		if len(e.Data) > MaxTimelineData {
			e.Data, e.Truncated = cutUTF8(e.Data, MaxTimelineData), true
		}
	}
	headMax := max / 2
	b.total++
	if len(b.head) < headMax {
		b.head = append(b.head, e)
		return
	}
	tailMax := max - headMax
	if len(b.ring) < tailMax {
		b.ring = append(b.ring, e)
		return
	}
	b.ring[(b.total-headMax-1)%tailMax] = e
}

// Timeline returns what was added, nil when nothing was.
func (b *TimelineBuilder) Timeline() *Timeline {
	if b.total == 0 {
		return nil
	}
	t := &Timeline{Entries: append([]TimelineEntry(nil), b.head...)}
	kept := len(b.head) + len(b.ring)
	if b.total > kept {
		t.Omitted, t.OmittedAt = b.total-kept, len(b.head)
		start := (b.total - len(b.head)) % len(b.ring)
		t.Entries = append(append(t.Entries, b.ring[start:]...), b.ring[:start]...)
	} else {
		t.Entries = append(t.Entries, b.ring...)
	}
	return t
}

// cutUTF8 returns at most n bytes of s, cut at a character boundary.
func cutUTF8(s string, n int) string {
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
