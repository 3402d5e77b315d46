package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

func us(n int) time.Duration { return time.Duration(n) * time.Microsecond }

// latencyFiles are two passing files with operations: their ws "ping" rows merge in the run.
func latencyFiles() []FileResult {
	var a, b OperationTable
	for _, d := range []time.Duration{us(250), us(300), us(410)} {
		a.Record("join", "ws", d)
	}
	for i := 1; i <= 100; i++ {
		a.Record("ping", "ws", us(10*i))
	}
	for i := 1; i <= 5; i++ {
		b.Record("chat:message", "socketio", ms(2*i))
	}
	b.Record("GetUser", "graphql", ms(12))
	b.Record("GetUser", "graphql", ms(1500))
	b.Record("ping", "ws", us(45))
	b.Record("/queue/a-destination-name-that-is-far-too-long-for-a-table", "stomp", us(7))
	b.Record("evil\x1b[31m\nname", "ws", 0)
	pass := func(path string, ops []Operation) FileResult {
		return FileResult{Path: path, Status: Passed, Duration: ms(120), Operations: ops,
			Tests: []TestResult{{Name: "works", FullName: "works", Status: Passed, Duration: ms(3), Console: []ConsoleEntry{}}}}
	}
	return []FileResult{pass("/home/dev/chat-app/tests/a.test.js", a.Rows()), pass("/home/dev/chat-app/tests/b.test.js", b.Rows())}
}

func TestPrettyLatencyGolden(t *testing.T) {
	for _, tt := range []struct {
		name string
		opts PrettyOptions
	}{
		{"pretty-latency.golden", PrettyOptions{Cwd: fixtureCwd, Latency: true}},
		{"pretty-latency-color.golden", PrettyOptions{Cwd: fixtureCwd, Latency: true, Colors: NewColors(true)}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			checkGolden(t, tt.name, runPretty(t, tt.opts, latencyFiles(), false))
		})
	}
}

func TestPrettyLatency(t *testing.T) {
	plain := runPretty(t, PrettyOptions{Cwd: fixtureCwd, Latency: true}, latencyFiles(), false)
	colored := runPretty(t, PrettyOptions{Cwd: fixtureCwd, Latency: true, Colors: NewColors(true)}, latencyFiles(), false)
	if stripANSI(colored) != plain {
		t.Errorf("colors change the table's text:\n%s", stripANSI(colored))
	}
	table, _, ok := strings.Cut(plain, "Files:")
	if !ok || !strings.Contains(table, "Latency (ms):") {
		t.Fatalf("no latency table before Files:\n%s", plain)
	}
	if strings.Contains(plain, "\x1b") {
		t.Errorf("plain output holds an escape character:\n%q", plain)
	}
	// Without the option the output is the same as without operations at all.
	files := latencyFiles()
	without := runPretty(t, PrettyOptions{Cwd: fixtureCwd}, files, false)
	for i := range files {
		files[i].Operations = nil
	}
	if none := runPretty(t, PrettyOptions{Cwd: fixtureCwd}, files, false); without != none {
		t.Errorf("operations change the output without Latency:\n%s\nwant:\n%s", without, none)
	}
	if strings.Contains(without, "Latency") {
		t.Errorf("table printed without Latency:\n%s", without)
	}
	// dot and github end with the pretty summary, so they show it too.
	for _, rep := range []func(w *bytes.Buffer) Reporter{
		func(w *bytes.Buffer) Reporter { return NewDot(w, PrettyOptions{Latency: true}) },
		func(w *bytes.Buffer) Reporter { return NewGitHub(w, PrettyOptions{Latency: true}) },
	} {
		out := runReporter(t, rep, latencyFiles(), false)
		if !strings.Contains(out, "Latency (ms):\n  name") {
			t.Errorf("no latency table:\n%s", out)
		}
	}
	empty := runPretty(t, PrettyOptions{Latency: true}, fixtureFiles()[:1], false)
	if !strings.Contains(empty, "Latency: no request-like operation completed\n\nFiles:") {
		t.Errorf("a run without operations does not say so:\n%s", empty)
	}
}

func TestLatencyMillis(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "0", 7 * time.Microsecond: "0.0070", 41234 * time.Nanosecond: "0.0412", us(412): "0.412",
		us(4123): "4.12", us(41234): "41.2", ms(412): "412", 4123456 * time.Microsecond: "4123",
	} {
		if got := latencyMillis(d); got != want {
			t.Errorf("latencyMillis(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestOperationTable(t *testing.T) {
	var tab OperationTable
	if rows := tab.Rows(); rows != nil {
		t.Errorf("empty table: %#v, want nil", rows)
	}
	tab.Record("b", "ws", 1)
	tab.Record("a", "ws", 2)
	tab.Record("z", "graphql", 3)
	tab.Record("a", "ws", 4)
	var got []string
	for _, r := range tab.Rows() {
		got = append(got, fmt.Sprintf("%s/%s:%d", r.Protocol, r.Name, r.Latency.Count()))
	}
	if s := strings.Join(got, " "); s != "graphql/z:1 ws/a:2 ws/b:1" {
		t.Errorf("rows %s, want sorted by protocol then name", s)
	}
	rows := tab.Rows()
	tab.Record("a", "ws", 5)
	if rows[1].Latency.Count() != 2 {
		t.Errorf("Rows shares its histograms with the table")
	}

	var many OperationTable
	for i := range MaxOperationNames + 50 {
		many.Record(fmt.Sprint("id-", i), "ws", time.Duration(i))
		many.Record("other protocol", "stomp", 1)
	}
	rows = many.Rows()
	if len(rows) != MaxOperationNames+2 {
		t.Fatalf("%d rows, want %d names, %q and the stomp row", len(rows), MaxOperationNames, OtherOperations)
	}
	for _, r := range rows {
		if r.Name == OtherOperations && r.Latency.Count() != 50 {
			t.Errorf("%s: %d samples, want 50", OtherOperations, r.Latency.Count())
		}
	}

	var long OperationTable
	long.Record(strings.Repeat("é", 150), "ws", 1)
	if n := long.Rows()[0].Name; len(n) > maxOperationName || !strings.HasSuffix(n, "é…") {
		t.Errorf("a 300-byte name is kept as %q (%d bytes)", n, len(n))
	}
}

// TestOperationsMerge checks that the run's rows are the files' merged, and that names made
// equal by redaction merge.
func TestOperationsMerge(t *testing.T) {
	var agg Aggregator
	for _, f := range latencyFiles() {
		agg.Add(f)
	}
	s := agg.Summary(0, false)
	var ping *Operation
	for i, r := range s.Operations {
		if r.Name == "ping" {
			ping = &s.Operations[i]
		}
	}
	if ping == nil || ping.Latency.Count() != 101 || ping.Latency.Max() != ms(1) || ping.Latency.Min() != us(10) {
		t.Fatalf("run's ping row %+v, want 101 samples from 10µs to 1ms", ping)
	}
	if len(s.Operations) != 6 {
		t.Errorf("%d rows in the run, want 6", len(s.Operations))
	}

	var tab OperationTable
	tab.Record("auth?token=one", "ws", ms(1))
	tab.Record("auth?token=two", "ws", ms(3))
	tab.Record("plain", "ws", ms(2))
	red := func(s string) string {
		if before, _, ok := strings.Cut(s, "token="); ok {
			return before + "token=[REDACTED]"
		}
		return s
	}
	f := FileResult{Operations: tab.Rows()}
	mapped := f.MapText(red).Operations
	if len(mapped) != 2 || mapped[0].Name != "auth?token=[REDACTED]" || mapped[0].Latency.Count() != 2 || mapped[0].Latency.Max() != ms(3) {
		t.Errorf("redacted rows %+v, want the two auth rows merged", mapped)
	}
	if f.Operations[0].Name != "auth?token=one" {
		t.Errorf("MapText changed its receiver's operations")
	}
	if sum := (Summary{Operations: tab.Rows()}).MapText(red); len(sum.Operations) != 2 {
		t.Errorf("Summary.MapText: %+v", sum.Operations)
	}
}

func TestJSONOperationsGolden(t *testing.T) {
	out := runReporter(t, func(w *bytes.Buffer) Reporter { return NewJSON(w) }, latencyFiles(), false)
	checkGolden(t, "json-operations.golden", out)
	var doc struct {
		Files []struct {
			Operations []map[string]json.RawMessage `json:"operations"`
		} `json:"files"`
		Operations []struct {
			Name      string
			Count     uint64
			P50, Max  float64
			Histogram *Histogram
		} `json:"operations"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Files) != 2 || len(doc.Files[0].Operations) != 2 || len(doc.Operations) != 6 {
		t.Fatalf("operations per file and for the run: %s", out)
	}
	// What the run's rows say is what merging the files' histograms from JSON gives.
	var tab OperationTable
	for _, f := range latencyFiles() {
		data, _ := json.Marshal(jsonOperations(f.Operations))
		var rows []struct {
			Name, Protocol string
			Histogram      *Histogram
		}
		if err := json.Unmarshal(data, &rows); err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			tab.Merge([]Operation{{Name: r.Name, Protocol: r.Protocol, Latency: r.Histogram}})
		}
	}
	for i, r := range tab.Rows() {
		got := doc.Operations[i]
		if got.Name != r.Name || got.Count != r.Latency.Count() {
			t.Errorf("row %d: %+v, want %s", i, got, r.Name)
		}
		if !reflect.DeepEqual(got.Histogram, r.Latency) {
			t.Errorf("row %d (%s): the run's histogram is not the files' merged", i, r.Name)
		}
	}
	empty := runReporter(t, func(w *bytes.Buffer) Reporter { return NewJSON(w) }, fixtureFiles()[:1], false)
	if !strings.Contains(empty, `"operations": []`) || strings.Count(empty, `"operations": []`) != 2 {
		t.Errorf("a run without operations lacks \"operations\": [] per file and for the run:\n%s", empty)
	}
}
