package engine

import (
	"bufio"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/wsrun/wsrun/jsapi/ws"
	"github.com/wsrun/wsrun/runtime/redact"
	"github.com/wsrun/wsrun/runtime/report"
	"github.com/wsrun/wsrun/runtime/safefile"
)

const (
	tailEntries  = 20  // entries of each connection a failed test shows
	entryDisplay = 200 // bytes of an entry's text shown in a tail or -vv line
)

// transcripts collects the entries of the running test: a tail per connection for the report,
// every entry into the trace file when --trace-dir is set, and -vv live lines.
type transcripts struct {
	f        *fileRun
	onListen func(url string) // wsrun serve: told of each server that starts
	start    time.Time
	order    []string
	tails    map[string]*tail
	trace    *traceFile
	traceAs  string                  // the trace file name of the test running, kept for its retries
	timeline *report.TimelineBuilder // with Options.Timelines
}

// tail keeps the newest tailEntries entries of one connection in a ring.
type tail struct {
	ring   [tailEntries]report.TranscriptEntry
	total  int
	server bool
}

func (tl *tail) add(e report.TranscriptEntry) {
	tl.ring[tl.total%tailEntries] = e
	tl.total++
}

// entries returns the kept entries, oldest first.
func (tl *tail) entries() []report.TranscriptEntry {
	if tl.total <= tailEntries {
		return append([]report.TranscriptEntry(nil), tl.ring[:tl.total]...)
	}
	start := tl.total % tailEntries
	return append(append([]report.TranscriptEntry(nil), tl.ring[start:]...), tl.ring[:start]...)
}

func (t *transcripts) begin(start time.Time, testName string, attempt int) {
	t.start, t.order, t.tails = start, nil, map[string]*tail{}
	if t.f.r.opts.Timelines {
		t.timeline = &report.TimelineBuilder{}
	}
	if dir := t.f.r.opts.TraceDir; dir != "" {
		if attempt == 0 {
			t.traceAs = t.f.r.traceNames.claim(t.f.file.display, testName)
		}
		name := t.traceAs
		if attempt > 0 {
			name += fmt.Sprintf("__retry%d", attempt)
		}
		tf, err := createTrace(filepath.Join(dir, name+".jsonl"))
		if err != nil {
			t.f.log("warn", fmt.Sprintf("wsrun: cannot write trace: %v", err))
		}
		t.trace = tf
	}
}

// end returns the tails, in the order the connections first appeared, and the timeline
// when kept, and commits the trace.
func (t *transcripts) end() ([]report.Transcript, *report.Timeline) {
	if t.trace != nil {
		if err := t.trace.commit(); err != nil {
			t.f.log("warn", fmt.Sprintf("wsrun: cannot write trace: %v", err))
		}
		t.trace = nil
	}
	// The server side of a scripted server mirrors its clients' entries; it is shown only when
	// the test used no client connection, so failures show each exchange once.
	clients := false
	for _, tl := range t.tails {
		clients = clients || !tl.server
	}
	var out []report.Transcript
	for _, name := range t.order {
		tl := t.tails[name]
		if tl.server && clients {
			continue
		}
		entries := tl.entries()
		out = append(out, report.Transcript{Conn: name, Omitted: tl.total - len(entries), Entries: entries})
	}
	t.tails = nil
	var timeline *report.Timeline
	if t.timeline != nil {
		timeline, t.timeline = t.timeline.Timeline(), nil
		if timeline != nil { // nil: the test made no connection
			t.f.r.budgetTimeline(timeline)
		}
	}
	return out, timeline
}

// MaxTimelinePayload bounds the payload all of a run's timelines hold together: the HTML and
// JSON reporters keep every test's timeline until the run ends, and each test's alone may
// hold MaxTimelineEntries × MaxTimelineData (4 MiB). Past it, timelines keep their entries
// without payloads.
const MaxTimelinePayload = 256 << 20

// budgetTimeline counts tl's payload against MaxTimelinePayload, and drops its payloads when
// the run has none left.
func (r *runner) budgetTimeline(tl *report.Timeline) { r.budgetTimelineOf(tl, MaxTimelinePayload) }

func (r *runner) budgetTimelineOf(tl *report.Timeline, budget int64) {
	n := 0
	for _, e := range tl.Entries {
		n += len(e.Data)
	}
	if r.timelineBytes.Add(int64(n)) <= budget {
		return
	}
	for i := range tl.Entries {
		if e := &tl.Entries[i]; (e.Dir == report.DirSent || e.Dir == report.DirReceived) && e.Data != "" {
			e.Data, e.Truncated = "", true
		}
	}
	tl.PayloadsOmitted = true
}

var arrows = map[ws.Direction]string{
	ws.Sent: report.Sent, ws.Received: report.Received, ws.Closed: report.Closed,
	ws.Opened: report.Note, ws.Note: report.Note, ws.Listen: report.Note,
}

// add is the ws module's OnEntry.
func (t *transcripts) add(e ws.TranscriptEntry) {
	if e.Dir == ws.Listen && t.onListen != nil {
		t.onListen(e.Text)
	}
	if e.Binary { // shown as hex, which the reports' redaction cannot read: redact it here
		e.Data = t.f.r.red.Bytes(e.Data)
	}
	if t.timeline != nil && t.tails != nil {
		t.timeline.Add(report.TimelineEntry{At: e.At.Sub(t.start), Dir: string(e.Dir), Conn: e.Conn, Server: e.Server,
			Data: e.Text, Binary: e.Binary, Start: startOf(e, t.start), Outcome: e.Outcome}, e.Data)
	}
	if arrows[e.Dir] == "" { // waits, pings and pongs are for the timeline only
		return
	}
	data := e.Text
	if e.Binary {
		data = binarySummary(e.Data)
	}
	switch e.Dir {
	case ws.Opened:
		data = "connected to " + data
	case ws.Listen:
		data = "listening on " + data
	}
	at := e.At.Sub(t.start)
	if t.f.r.opts.Live != nil {
		t.f.r.live(fmt.Sprintf("%s +%.3fs %s %s  %s\n", t.f.file.display, at.Seconds(), arrows[e.Dir], e.Conn, oneLine(t.f.r.red.String(shortText(data)))))
	}
	if t.tails == nil { // outside a test: beforeAll, top level
		return
	}
	if t.trace != nil {
		t.trace.write(e, at, t.f.r.red)
	}
	tl := t.tails[e.Conn]
	if tl == nil {
		tl = &tail{server: e.Server}
		t.tails[e.Conn] = tl
		t.order = append(t.order, e.Conn)
	}
	tl.add(report.TranscriptEntry{At: at, Dir: arrows[e.Dir], Conn: e.Conn, Data: shortText(data)})
}

// startOf is when a wait began, relative to the test's start; 0 for other entries.
func startOf(e ws.TranscriptEntry, testStart time.Time) time.Duration {
	if e.Start.IsZero() {
		return 0
	}
	return max(e.Start.Sub(testStart), 0)
}

func binarySummary(b []byte) string {
	const show = 16
	if len(b) <= show {
		return fmt.Sprintf("<binary %d bytes: %s>", len(b), hex.EncodeToString(b))
	}
	return fmt.Sprintf("<binary %d bytes: %s…>", len(b), hex.EncodeToString(b[:show]))
}

func shortText(s string) string {
	if len(s) <= entryDisplay {
		return s
	}
	cut := entryDisplay
	for cut > 0 && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return fmt.Sprintf("%s… (%d bytes)", s[:cut], len(s))
}

func oneLine(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r", ""), "\n", "⏎")
}

var unsafeName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[^A-Za-z0-9._-]+`) })

// sanitize keeps a readable part of s that is safe in a file name on every system, at most
// max bytes.
func sanitize(s string, max int) string {
	s = strings.Trim(unsafeName().ReplaceAllString(s, "_"), "_")
	if len(s) > max {
		s = s[:max]
	}
	return s
}

// traceNames hands out trace file names, unique in a run: `<file>__<test>-<hash>`, where the
// readable parts are sanitized and cut, and hash is the start of the SHA-256 of the file's
// path and the test's full name, so "a b" and "a/b", or two long names that share their first
// 100 bytes, still get files of their own, and a test gets the same name in every run. A test
// whose file and full name repeat another's (two tests with one name) gets "-2", "-3"… in the
// order they run, which a file's tests always do in the same order.
type traceNames struct {
	mu   sync.Mutex
	used map[string]bool
}

func (n *traceNames) claim(file, fullName string) string {
	sum := sha256.Sum256([]byte(file + "\x00" + fullName))
	base := sanitize(file, 60) + "__" + sanitize(fullName, 100) + "-" + hex.EncodeToString(sum[:4])
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.used == nil {
		n.used = map[string]bool{}
	}
	name := base
	for i := 2; n.used[name]; i++ {
		name = fmt.Sprintf("%s-%d", base, i)
	}
	n.used[name] = true
	return name
}

// traceFile is one test's JSON Lines transcript, written with safefile so a reader never sees
// half of one.
type traceFile struct {
	f   *safefile.File
	w   *bufio.Writer
	err error
}

func createTrace(dest string) (*traceFile, error) {
	f, err := safefile.Create(dest)
	if err != nil {
		return nil, err
	}
	return &traceFile{f: f, w: bufio.NewWriter(f)}, nil
}

type traceLine struct {
	T      float64 `json:"t"` // ms since the test started
	Time   string  `json:"time"`
	Dir    string  `json:"dir"`
	Conn   string  `json:"conn"`
	Type   string  `json:"type,omitempty"`
	Data   string  `json:"data"`
	Base64 bool    `json:"base64,omitempty"`
}

// write adds one entry, its text redacted by red (a binary payload was redacted by add).
func (t *traceFile) write(e ws.TranscriptEntry, at time.Duration, red *redact.Redactor) {
	line := traceLine{T: float64(at.Microseconds()) / 1000, Time: e.At.UTC().Format(time.RFC3339Nano), Dir: string(e.Dir), Conn: e.Conn, Data: red.String(e.Text)}
	if e.Dir == ws.Sent || e.Dir == ws.Received {
		line.Type = "text"
		if e.Binary {
			line.Type, line.Data, line.Base64 = "binary", base64.StdEncoding.EncodeToString(e.Data), true
		}
	}
	b, _ := json.Marshal(line)
	if t.err == nil {
		_, t.err = t.w.Write(append(b, '\n'))
	}
}

func (t *traceFile) commit() error {
	err := t.err
	if err == nil {
		err = t.w.Flush()
	}
	if err != nil {
		return errors.Join(err, t.f.Abort())
	}
	return t.f.Commit()
}

// liveWriter serialises -vv lines from files running in parallel.
type liveWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (r *runner) live(line string) {
	r.liveOut.mu.Lock()
	defer r.liveOut.mu.Unlock()
	_, _ = io.WriteString(r.liveOut.w, line)
}
