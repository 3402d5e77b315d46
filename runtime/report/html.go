package report

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"
)

// The page, its style and its script, put together into one file by RunDone: a report opened
// from disk loads nothing else.
var (
	//go:embed html/page.html
	htmlPage string
	//go:embed html/report.css
	htmlCSS string
	//go:embed html/report.js
	htmlJS string
)

// NewHTML returns the reporter that writes the run as one self-contained HTML page, in RunDone,
// in one Write (docs/reports.md). The results are data in the page (JSON in a script element
// the page's script renders with text nodes only), so no test name or payload is ever parsed
// as HTML. Sequence diagrams come from TestResult.Timeline, which the run keeps with
// engine.Options.Timelines. The reporter is not safe for concurrent use.
func NewHTML(w io.Writer) Reporter { return &htmlReporter{w: w} }

type htmlReporter struct {
	w     io.Writer
	files []FileResult
}

func (h *htmlReporter) FileDone(f FileResult) { h.files = append(h.files, f) }

func (h *htmlReporter) RunDone(s Summary) error {
	page, err := renderHTML(htmlDocOf(h.files, s))
	if err != nil {
		return fmt.Errorf("html reporter: %w", err)
	}
	if _, err := h.w.Write(page); err != nil {
		return fmt.Errorf("html reporter: %w", err)
	}
	return nil
}

// renderHTML puts the data, the style and the script into the page. json.Marshal writes <, >
// and & as \u003c…, so a payload holding "</script>" cannot end the data's script element.
func renderHTML(doc htmlDoc) ([]byte, error) {
	data, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	r := strings.NewReplacer("/*{{CSS}}*/", htmlCSS, "/*{{JS}}*/", htmlJS, "{{DATA}}", string(data))
	var b bytes.Buffer
	_, _ = r.WriteString(&b, htmlPage)
	return b.Bytes(), nil
}

// htmlDoc is what the page's script renders.
type htmlDoc struct {
	Summary htmlSummary `json:"summary"`
	Files   []htmlFile  `json:"files"`
}

type htmlSummary struct {
	Files       Counts      `json:"files"`
	Tests       Counts      `json:"tests"`
	Ms          float64     `json:"ms"`
	Interrupted bool        `json:"interrupted"`
	OK          bool        `json:"ok"`
	Slowest     []htmlSlow  `json:"slowest"`
	Operations  []htmlOpRow `json:"operations"`
}

type htmlSlow struct {
	File string  `json:"file"`
	Name string  `json:"name"`
	Ms   float64 `json:"ms"`
}

type htmlOpRow struct {
	Name     string  `json:"name"`
	Protocol string  `json:"protocol"`
	Count    uint64  `json:"count"`
	P50      float64 `json:"p50"`
	P95      float64 `json:"p95"`
	P99      float64 `json:"p99"`
	Max      float64 `json:"max"`
}

type htmlFile struct {
	Path   string       `json:"path"`
	Status Status       `json:"status"`
	Ms     float64      `json:"ms"`
	Error  *htmlFailure `json:"error,omitempty"`
	Tests  []htmlTest   `json:"tests"`
}

type htmlTest struct {
	Name     string         `json:"name"`
	FullName string         `json:"fullName"`
	Status   Status         `json:"status"`
	Ms       float64        `json:"ms"`
	Retries  int            `json:"retries"`
	Flaky    bool           `json:"flaky"`
	Reason   string         `json:"reason,omitempty"`
	Errors   []htmlFailure  `json:"errors"`
	Console  []ConsoleEntry `json:"console"`
	Diagram  *htmlDiagram   `json:"diagram,omitempty"`
}

// htmlFailure is a failure's message as lines, each with the side of the diff it shows
// (messageLineSide), its code frame and where it happened.
type htmlFailure struct {
	Lines []htmlLine `json:"lines"`
	Frame *CodeFrame `json:"frame,omitempty"`
	At    string     `json:"at,omitempty"`
}

type htmlLine struct {
	Side string `json:"side,omitempty"`
	Text string `json:"text"`
}

// htmlDiagram is a test's sequence diagram laid out: lanes left to right, rows top to bottom
// in time order, and waits as spans of rows on their lane.
type htmlDiagram struct {
	Lanes   []htmlLane `json:"lanes"`
	Rows    []htmlRow  `json:"rows"`
	Waits   []htmlWait `json:"waits"`
	Omitted int        `json:"omitted,omitempty"`
	// PayloadsOmitted: the run's payload budget was spent, so frames have no payload.
	PayloadsOmitted bool `json:"payloadsOmitted,omitempty"`
	// Focus is the row to show first: the end of the first wait that failed, else -1.
	Focus int `json:"focus"`
}

// htmlLane is a lifeline: a connection ("client", or "server" for the ws.serve side), a
// ws.serve server ("listener"), or the far end of connections whose other side the test did
// not script ("peer").
type htmlLane struct {
	Name string `json:"name"`
	Kind string `json:"kind"`
}

// htmlRow is one line of the diagram. A frame goes From one lane To another; an event (open,
// close, note, listen, a wait's start or end, the omitted entries) sits on From = To.
type htmlRow struct {
	Kind      string  `json:"kind"` // the TimelineEntry's Dir, "wait-end" or "omitted"
	From      int     `json:"from"`
	To        int     `json:"to"`
	Ms        float64 `json:"ms"`
	Data      string  `json:"data"`
	Binary    bool    `json:"binary,omitempty"`
	Size      int     `json:"size,omitempty"`
	Truncated bool    `json:"truncated,omitempty"`
	Wait      int     `json:"wait"` // the wait of a wait or wait-end row, else -1
}

type htmlWait struct {
	Lane    int     `json:"lane"`
	From    int     `json:"from"` // rows
	To      int     `json:"to"`
	Label   string  `json:"label"`
	Outcome string  `json:"outcome"`
	Ms      float64 `json:"ms"` // how long it waited
}

// htmlSlowest is how many of the slowest tests the summary lists.
const htmlSlowest = 5

func htmlDocOf(files []FileResult, s Summary) htmlDoc {
	doc := htmlDoc{Summary: htmlSummary{Files: s.Files, Tests: s.Tests, Ms: msOf(s.Duration),
		Interrupted: s.Interrupted, OK: s.OK(), Slowest: []htmlSlow{}, Operations: []htmlOpRow{}}}
	var all []htmlSlow
	for _, f := range sortedByPath(files, func(f FileResult) string { return f.Path }) {
		hf := htmlFile{Path: f.Path, Status: f.Status, Ms: msOf(f.Duration), Error: htmlFailureOf(f.Error), Tests: []htmlTest{}}
		for _, t := range failedFirst(f.Tests) {
			hf.Tests = append(hf.Tests, htmlTestOf(t))
			if t.Status == Passed || t.Status == Failed {
				all = append(all, htmlSlow{File: f.Path, Name: testName(t), Ms: msOf(t.Duration)})
			}
		}
		doc.Files = append(doc.Files, hf)
	}
	// Failed files first, as failed tests are within a file; the sort is stable.
	slices.SortStableFunc(doc.Files, func(a, b htmlFile) int { return failedRank(a.Status) - failedRank(b.Status) })
	slices.SortStableFunc(all, func(a, b htmlSlow) int {
		switch {
		case a.Ms > b.Ms:
			return -1
		case a.Ms < b.Ms:
			return 1
		}
		return 0
	})
	doc.Summary.Slowest = append(doc.Summary.Slowest, all[:min(len(all), htmlSlowest)]...)
	for _, r := range s.Operations {
		h := r.Latency
		if h == nil {
			h = &Histogram{}
		}
		doc.Summary.Operations = append(doc.Summary.Operations, htmlOpRow{Name: r.Name, Protocol: r.Protocol, Count: h.Count(),
			P50: msOf(h.Quantile(0.50)), P95: msOf(h.Quantile(0.95)), P99: msOf(h.Quantile(0.99)), Max: msOf(h.Max())})
	}
	if doc.Files == nil {
		doc.Files = []htmlFile{}
	}
	return doc
}

func failedRank(s Status) int {
	if s == Failed {
		return 0
	}
	return 1
}

// failedFirst returns the tests with the failed ones first, each group in the file's order.
func failedFirst(tests []TestResult) []TestResult {
	out := slices.Clone(tests)
	slices.SortStableFunc(out, func(a, b TestResult) int { return failedRank(a.Status) - failedRank(b.Status) })
	return out
}

func htmlTestOf(t TestResult) htmlTest {
	ht := htmlTest{Name: t.Name, FullName: testName(t), Status: t.Status, Ms: msOf(t.Duration), Retries: t.Retries,
		Flaky: t.Flaky, Reason: t.Reason, Errors: []htmlFailure{}, Console: t.Console, Diagram: htmlDiagramOf(t.Timeline)}
	if ht.Console == nil {
		ht.Console = []ConsoleEntry{}
	}
	for i := range t.Errors {
		ht.Errors = append(ht.Errors, *htmlFailureOf(&t.Errors[i]))
	}
	return ht
}

func htmlFailureOf(f *Failure) *htmlFailure {
	if f == nil {
		return nil
	}
	hf := &htmlFailure{Frame: f.CodeFrame}
	msg := f.Message
	if strings.TrimSpace(msg) == "" {
		msg = "(no message)"
	}
	for _, l := range lines(safeText(msg)) {
		l = strings.TrimRight(l, " \t")
		hf.Lines = append(hf.Lines, htmlLine{Side: messageLineSide(l), Text: l})
	}
	if f.Location != nil {
		hf.At = fmt.Sprintf("%s:%d:%d", f.Location.File, f.Location.Line, f.Location.Column)
	}
	return hf
}

// htmlDiagramOf lays a timeline out. A client connected to a ws.serve server of the same
// test is paired with that server's side of the connection, and their exchange is drawn once, one arrow per frame at
// the time it was sent; each side's receipts are then not drawn again. A connection whose
// other end the test did not script talks to a "peer" lane: the host of the URL it connected
// to, or the client of a ws.serve connection.
func htmlDiagramOf(tl *Timeline) *htmlDiagram {
	if tl == nil || len(tl.Entries) == 0 {
		return nil
	}
	d := &htmlDiagram{Lanes: []htmlLane{}, Rows: []htmlRow{}, Waits: []htmlWait{}, Omitted: tl.Omitted, PayloadsOmitted: tl.PayloadsOmitted, Focus: -1}
	lane := map[string]int{}
	addLane := func(name, kind string) int {
		key := kind + "\x00" + name
		if i, ok := lane[key]; ok {
			return i
		}
		lane[key] = len(d.Lanes)
		d.Lanes = append(d.Lanes, htmlLane{Name: name, Kind: kind})
		return len(d.Lanes) - 1
	}
	// What each connection is: its side, the URL it opened, and for servers their URL.
	type connInfo struct {
		server bool
		url    string
		peer   string // the paired connection's name
	}
	conns := map[string]*connInfo{}
	var order []string
	listens := map[string]string{} // server name → URL
	for _, e := range tl.Entries {
		if e.Dir == DirListen {
			listens[e.Conn] = e.Data
		}
		ci := conns[e.Conn]
		if ci == nil {
			ci = &connInfo{server: e.Server}
			conns[e.Conn] = ci
			order = append(order, e.Conn)
		}
		if e.Dir == DirOpen && ci.url == "" {
			ci.url = e.Data
		}
	}
	serverKind := func(name string) string {
		if _, ok := listens[name]; ok {
			return "listener"
		}
		return "server"
	}
	// Pair each ws.serve side with the client whose URL is the one it was asked for (the
	// server side's URL is the Host and path of the request), else one to the same host,
	// taking clients in the order they connected.
	for _, pass := range []func(a, b string) bool{func(a, b string) bool { return a == b }, sameEndpoint} {
		for _, side := range order {
			sc := conns[side]
			if !sc.server || sc.peer != "" || sc.url == "" || !strings.Contains(side, ":") {
				continue
			}
			for _, client := range order {
				cc := conns[client]
				if !cc.server && cc.peer == "" && cc.url != "" && pass(cc.url, sc.url) {
					cc.peer, sc.peer = side, client
					break
				}
			}
		}
	}
	// Lanes: clients, then the ws.serve side, then the peers they talk to.
	for _, name := range order {
		if !conns[name].server {
			addLane(name, "client")
		}
	}
	for _, name := range order {
		if conns[name].server {
			addLane(name, serverKind(name))
		}
	}
	peerOf := func(name string) int {
		ci := conns[name]
		if ci.peer != "" {
			if conns[ci.peer].server {
				return addLane(ci.peer, "server")
			}
			return addLane(ci.peer, "client")
		}
		if ci.server {
			return addLane("client of "+name, "peer")
		}
		host := "server"
		if u, err := url.Parse(ci.url); err == nil && u.Host != "" {
			host = u.Host
		}
		return addLane(host, "peer")
	}
	own := func(e TimelineEntry) int {
		if conns[e.Conn].server {
			return addLane(e.Conn, serverKind(e.Conn))
		}
		return addLane(e.Conn, "client")
	}

	// Rows in time order, within the kept head and tail of the timeline each; a wait has
	// a row where it started and one where it ended.
	type keyed struct {
		at  time.Duration
		row htmlRow
	}
	segment := func(entries []TimelineEntry) []keyed {
		var ks []keyed
		for _, e := range entries {
			from := own(e)
			r := htmlRow{Kind: e.Dir, From: from, To: from, Ms: msOf(e.At), Data: e.Data, Binary: e.Binary,
				Size: e.Size, Truncated: e.Truncated, Wait: -1}
			switch e.Dir {
			case DirSent:
				r.To = peerOf(e.Conn)
			case DirReceived:
				if conns[e.Conn].peer != "" {
					continue // drawn as the peer's sent frame
				}
				r.From, r.To = peerOf(e.Conn), from
			case DirPing, DirPong: // they arrived from the other end
				r.From, r.To = peerOf(e.Conn), from
			case DirWait:
				w := htmlWait{Lane: from, Label: e.Data, Outcome: e.Outcome, Ms: msOf(e.At - e.Start)}
				d.Waits = append(d.Waits, w)
				r.Wait, r.Ms, r.Size, r.Data = len(d.Waits)-1, msOf(e.Start), 0, e.Data
				ks = append(ks, keyed{e.Start, r})
				end := r
				end.Kind, end.Ms, end.Data = "wait-end", msOf(e.At), e.Outcome
				ks = append(ks, keyed{e.At, end})
				continue
			}
			ks = append(ks, keyed{e.At, r})
		}
		slices.SortStableFunc(ks, func(a, b keyed) int { return cmpDuration(a.at, b.at) })
		return ks
	}
	head, tail := tl.Entries, []TimelineEntry(nil)
	if tl.Omitted > 0 && tl.OmittedAt >= 0 && tl.OmittedAt <= len(tl.Entries) {
		head, tail = tl.Entries[:tl.OmittedAt], tl.Entries[tl.OmittedAt:]
	}
	rows := segment(head)
	if tail != nil {
		rows = append(rows, keyed{row: htmlRow{Kind: "omitted", Data: fmt.Sprintf("%d entries left out", tl.Omitted), Wait: -1}})
		rows = append(rows, segment(tail)...)
	}
	for i, k := range rows {
		r := k.row
		if r.Wait >= 0 {
			if r.Kind == DirWait {
				d.Waits[r.Wait].From = i
			} else {
				d.Waits[r.Wait].To = i
				if d.Focus < 0 && (r.Data == "timed out" || r.Data == "failed") {
					d.Focus = i
				}
			}
		}
		d.Rows = append(d.Rows, r)
	}
	return d
}

func cmpDuration(a, b time.Duration) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// sameEndpoint reports whether a client's URL reaches the server listening at listen: same
// host and port.
func sameEndpoint(client, listen string) bool {
	cu, err1 := url.Parse(client)
	lu, err2 := url.Parse(listen)
	return err1 == nil && err2 == nil && cu.Host != "" && cu.Host == lu.Host
}
