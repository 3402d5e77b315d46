package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/wsrun/wsrun/internal/goldentest"
)

// chatTimeline is a client, alice, talking to a ws.serve connection of the same test, a wait
// that was satisfied and one that timed out.
func chatTimeline() *Timeline {
	return &Timeline{Entries: []TimelineEntry{
		{At: ms(1), Dir: DirListen, Conn: "server", Server: true, Data: "ws://127.0.0.1:9000"},
		{At: ms(2), Dir: DirOpen, Conn: "server:conn1", Server: true, Data: "ws://127.0.0.1:9000/chat?user=alice"},
		{At: ms(2), Dir: DirOpen, Conn: "alice", Data: "ws://127.0.0.1:9000/chat?user=alice"},
		{At: ms(3), Dir: DirSent, Conn: "server:conn1", Server: true, Data: `{"type":"welcome"}`, Size: 18},
		{At: ms(4), Dir: DirReceived, Conn: "alice", Data: `{"type":"welcome"}`, Size: 18},
		{At: ms(4), Dir: DirWait, Conn: "alice", Start: ms(2), Data: `alice.expect({"type": "welcome"})`, Outcome: "satisfied"},
		{At: ms(5), Dir: DirSent, Conn: "alice", Data: `{"type":"say","text":"</script><script>alert(1)</script>"}`, Size: 56},
		{At: ms(6), Dir: DirReceived, Conn: "server:conn1", Server: true, Data: `{"type":"say","text":"</script><script>alert(1)</script>"}`, Size: 56},
		{At: ms(7), Dir: DirPong, Conn: "alice", Binary: true, Data: "7069", Size: 2},
		{At: ms(310), Dir: DirWait, Conn: "alice", Start: ms(8), Data: `alice.expect({"type": "bye"})`, Outcome: "timed out"},
		{At: ms(311), Dir: DirClose, Conn: "alice", Data: "1000"},
	}}
}

// longTimeline is a client past a cap of 6 entries, with a binary frame.
func longTimeline() *Timeline {
	b := TimelineBuilder{Max: 6}
	b.Add(TimelineEntry{At: ms(1), Dir: DirOpen, Conn: "typist", Data: "wss://chat.example.com/ws"}, nil)
	for i := range 8 {
		b.Add(TimelineEntry{At: ms(2 + i), Dir: DirSent, Conn: "typist", Data: fmt.Sprintf(`{"typing":%d}`, i)}, nil)
	}
	b.Add(TimelineEntry{At: ms(20), Dir: DirReceived, Conn: "typist"}, []byte{0, 1, 0xfe})
	return b.Timeline()
}

// htmlFixture is the pretty reporter's fixture with a conversation in the failing chat test.
func htmlFixture() []FileResult {
	files := fixtureFiles()
	for i := range files {
		for j := range files[i].Tests {
			switch files[i].Tests[j].Name {
			case "two users talk":
				files[i].Tests[j].Timeline = chatTimeline()
			case "typing indicator":
				files[i].Tests[j].Timeline = longTimeline()
			}
		}
	}
	return files
}

func renderFixture(t *testing.T, files []FileResult) string {
	t.Helper()
	var agg Aggregator
	var b bytes.Buffer
	r := NewHTML(&b)
	for _, f := range files {
		agg.Add(f)
		r.FileDone(f)
	}
	if err := r.RunDone(agg.Summary(fixtureDuration, false)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

var dataElement = regexp.MustCompile(`(?s)<script id="wsrun-data" type="application/json">(.*?)</script>`)

// pageData is the JSON the page renders, read back from the page.
func pageData(t *testing.T, page string) htmlDoc {
	t.Helper()
	m := dataElement.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no data element in the page")
	}
	var doc htmlDoc
	if err := json.Unmarshal([]byte(m[1]), &doc); err != nil {
		t.Fatalf("the page's data does not parse: %v", err)
	}
	return doc
}

// TestHTMLGolden: the whole page of the fixture run, so any change to the HTML report is a
// diff to review (go test -update). The style and the script must each appear in the page
// exactly once, byte for byte as in html/report.css and html/report.js; the golden file holds
// the page with them put back as their markers, so it does not repeat those files and a change
// to them is reviewed there.
func TestHTMLGolden(t *testing.T) {
	page := renderFixture(t, htmlFixture())
	for _, part := range []struct{ name, text, marker string }{
		{"html/report.css", htmlCSS, "/*{{CSS}}*/"},
		{"html/report.js", htmlJS, "/*{{JS}}*/"},
	} {
		if n := strings.Count(page, part.text); n != 1 {
			t.Fatalf("the page holds %s %d times, want once", part.name, n)
		}
		page = strings.Replace(page, part.text, part.marker, 1)
	}
	goldentest.Check(t, filepath.Join("testdata", "report.html"), page)
}

// TestHTMLEscapesEverything: names and payloads that are HTML stay data. The page has exactly
// its own two script elements and the user's "</script>" appears only escaped.
func TestHTMLEscapesEverything(t *testing.T) {
	files := htmlFixture()
	files[0].Tests[0].Name = `</script><script>alert("name")</script>`
	files[0].Tests[0].FullName = files[0].Tests[0].Name
	files[0].Tests[0].Console = []ConsoleEntry{{Level: "log", Text: "<img src=x onerror=alert(3)>"}}
	page := renderFixture(t, files)
	if n := strings.Count(page, "<script"); n != 2 {
		t.Errorf("%d <script in the page, want its own 2", n)
	}
	if n := strings.Count(page, "</script>"); n != 2 {
		t.Errorf("%d </script> in the page, want its own 2", n)
	}
	for _, raw := range []string{"<img src=x", "alert(1)</script>", `alert("name")`} {
		if strings.Contains(page, raw) {
			t.Errorf("the page holds %q unescaped", raw)
		}
	}
	doc := pageData(t, page)
	if got := doc.Files[3].Tests[0].Name; got != files[0].Tests[0].Name {
		t.Errorf("the name came back as %q", got)
	}
	found := false
	for _, f := range doc.Files {
		for _, tt := range f.Tests {
			if tt.Diagram != nil {
				for _, r := range tt.Diagram.Rows {
					found = found || strings.Contains(r.Data, "</script><script>alert(1)</script>")
				}
			}
		}
	}
	if !found {
		t.Error("the payload with </script> is not in the data, whole")
	}
}

// TestHTMLOrder: failed files first, failed tests first within a file, the rest in their
// order; the slowest tests by duration.
func TestHTMLOrder(t *testing.T) {
	doc := pageData(t, renderFixture(t, htmlFixture()))
	var got []string
	for _, f := range doc.Files {
		names := []string{}
		for _, tt := range f.Tests {
			names = append(names, string(tt.Status)[:1]+":"+tt.Name)
		}
		got = append(got, fmt.Sprintf("%s %s %v", filepath.Base(f.Path), f.Status, names))
	}
	want := []string{
		"broken.test.ts failed [f:scripts/broken.test.ts]",
		"chat.test.js failed [f:two users talk f:typing indicator f:history is kept p:one user joins s:later t:idea]",
		"rooms.test.js failed [f:creates a room f:lists rooms]",
		"auth.test.js passed [p:logs in with a token p:rejects a bad token p:reconnects after a drop s:admin login]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("order:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var slow []string
	for _, s := range doc.Summary.Slowest {
		slow = append(slow, fmt.Sprintf("%s %g", s.Name, s.Ms))
	}
	if len(slow) != htmlSlowest || slow[0] != "chat › two users talk 5000" || slow[1] != "auth › reconnects after a drop 1234" {
		t.Errorf("slowest: %v", slow)
	}
}

// TestHTMLDiagram: the client and the ws.serve side of its connection are paired, each frame
// drawn once from its sender at the time it was sent; waits span their rows; the failed wait
// is the row shown first.
func TestHTMLDiagram(t *testing.T) {
	d := htmlDiagramOf(chatTimeline())
	var lanes []string
	for _, l := range d.Lanes {
		lanes = append(lanes, l.Name+"/"+l.Kind)
	}
	if got := strings.Join(lanes, " "); got != "alice/client server/listener server:conn1/server" {
		t.Errorf("lanes: %s", got)
	}
	var rows []string
	for _, r := range d.Rows {
		rows = append(rows, fmt.Sprintf("%g %s %s>%s", r.Ms, r.Kind, d.Lanes[r.From].Name, d.Lanes[r.To].Name))
	}
	want := []string{
		"1 listen server>server",
		"2 open server:conn1>server:conn1",
		"2 open alice>alice",
		"2 wait alice>alice",
		"3 sent server:conn1>alice",
		"4 wait-end alice>alice",
		"5 sent alice>server:conn1",
		"7 pong server:conn1>alice",
		"8 wait alice>alice",
		"310 wait-end alice>alice",
		"311 close alice>alice",
	}
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
	if len(d.Waits) != 2 || d.Waits[0].From != 3 || d.Waits[0].To != 5 || d.Waits[1].From != 8 || d.Waits[1].To != 9 || d.Waits[1].Outcome != "timed out" {
		t.Errorf("waits: %+v", d.Waits)
	}
	if d.Focus != 9 {
		t.Errorf("focus on row %d, want 9 (the end of the wait that timed out)", d.Focus)
	}
	// Without a scripted server, frames go to and come from the host connected to.
	d = htmlDiagramOf(&Timeline{Entries: []TimelineEntry{
		{At: ms(1), Dir: DirOpen, Conn: "bob", Data: "wss://chat.example.com/ws"},
		{At: ms(2), Dir: DirReceived, Conn: "bob", Data: "hi"},
	}})
	d2 := htmlDiagramOf(longTimeline())
	if d2.Omitted != 4 || len(d2.Rows) != 7 || d2.Rows[3].Kind != "omitted" || d2.Rows[6].Data != "0001fe" {
		t.Errorf("a capped timeline: %+v", d2)
	}
	if len(d.Lanes) != 2 || d.Lanes[1].Name != "chat.example.com" || d.Lanes[1].Kind != "peer" || d.Rows[1].From != 1 || d.Rows[1].To != 0 || d.Focus != -1 {
		t.Errorf("external server: %+v", d)
	}
}

// TestTimelineBuilderKeepsHeadAndTail: past its cap a timeline keeps the first and last
// entries and counts those between; payloads are cut at MaxTimelineData.
func TestTimelineBuilderKeepsHeadAndTail(t *testing.T) {
	b := TimelineBuilder{Max: 6}
	for i := range 10 {
		b.Add(TimelineEntry{Dir: DirSent, Data: fmt.Sprint(i)}, nil)
	}
	tl := b.Timeline()
	var got []string
	for _, e := range tl.Entries {
		got = append(got, e.Data)
	}
	if strings.Join(got, ",") != "0,1,2,7,8,9" || tl.Omitted != 4 || tl.OmittedAt != 3 {
		t.Errorf("kept %v, omitted %d at %d; want 0,1,2,7,8,9, 4 at 3", got, tl.Omitted, tl.OmittedAt)
	}
	b = TimelineBuilder{Max: 6}
	for i := range 4 {
		b.Add(TimelineEntry{Dir: DirSent, Data: fmt.Sprint(i)}, nil)
	}
	if tl := b.Timeline(); len(tl.Entries) != 4 || tl.Omitted != 0 || tl.Entries[3].Data != "3" {
		t.Errorf("under the cap: %+v", tl)
	}
	if (&TimelineBuilder{}).Timeline() != nil {
		t.Error("an empty builder gives a timeline")
	}

	var big TimelineBuilder
	text := strings.Repeat("é", MaxTimelineData) // 2 bytes each
	big.Add(TimelineEntry{Dir: DirReceived, Data: text}, nil)
	big.Add(TimelineEntry{Dir: DirSent, Binary: true}, bytes.Repeat([]byte{0xab}, MaxTimelineData+1))
	big.Add(TimelineEntry{Dir: DirPing, Binary: true}, nil)
	es := big.Timeline().Entries
	if e := es[0]; !e.Truncated || e.Size != len(text) || len(e.Data) != MaxTimelineData || !utf8.ValidString(e.Data) {
		t.Errorf("text entry: truncated %v, size %d, %d bytes kept, valid %v", e.Truncated, e.Size, len(e.Data), utf8.ValidString(e.Data))
	}
	if e := es[1]; !e.Truncated || e.Size != MaxTimelineData+1 || len(e.Data) != 2*MaxTimelineData || e.Data[:4] != "abab" {
		t.Errorf("binary entry: truncated %v, size %d, %d hex digits", e.Truncated, e.Size, len(e.Data))
	}
	if e := es[2]; !e.Binary || e.Size != 0 || e.Data != "" || e.Truncated {
		t.Errorf("empty ping: %+v", e)
	}
}

// TestHTMLRedactsTimelines: MapText reaches the timeline's texts, not its hex.
func TestHTMLRedactsTimelines(t *testing.T) {
	f := FileResult{Tests: []TestResult{{Timeline: &Timeline{Entries: []TimelineEntry{
		{Dir: DirSent, Data: "token=SECRET"}, {Dir: DirWait, Data: "expect SECRET"}, {Dir: DirSent, Binary: true, Data: "5345"},
	}}}}}
	got := f.MapText(func(s string) string { return strings.ReplaceAll(s, "SECRET", "[REDACTED]") })
	es := got.Tests[0].Timeline.Entries
	if es[0].Data != "token=[REDACTED]" || es[1].Data != "expect [REDACTED]" || es[2].Data != "5345" {
		t.Errorf("redacted: %+v", es)
	}
	if f.Tests[0].Timeline.Entries[0].Data != "token=SECRET" {
		t.Error("MapText changed its input")
	}
}
