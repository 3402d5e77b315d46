package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/wsrun/wsrun/internal/goldentest"
	"github.com/wsrun/wsrun/runtime/report"
)

// latencyRow is a row of the JSON report's operations.
type latencyRow struct {
	Name, Protocol     string
	Count              uint64
	P50, P95, P99, Max float64
	Histogram          *report.Histogram
}

// runLatency runs testdata/latency through the binary with a JSON report and returns stdout
// and the report's operations per file (by base name) and for the run.
func runLatency(t *testing.T, args ...string) (string, map[string][]latencyRow, []latencyRow) {
	t.Helper()
	jsonPath := filepath.Join(t.TempDir(), "report.json")
	cmd := exec.Command(binary(t), append([]string{"--color", "never", "-j", "1", "-r", "json=" + jsonPath,
		filepath.Join("testdata", "latency")}, args...)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("wsrun: %v\n%s", err, out.String())
	}
	data, err := os.ReadFile(jsonPath)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String()+string(data), "SECRET-LATENCY") {
		t.Errorf("a secret in an operation name was not redacted:\n%s\n%s", out.String(), data)
	}
	var doc struct {
		Files []struct {
			Path       string
			Operations []latencyRow
		}
		Operations []latencyRow
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("report.json: %v\n%s", err, data)
	}
	files := map[string][]latencyRow{}
	for _, f := range doc.Files {
		files[filepath.Base(f.Path)] = f.Operations
	}
	return out.String(), files, doc.Operations
}

// TestLatencyReport checks the JSON report's operations: exact counts under the names the
// requests' messages give, percentiles in order and what the histogram says, and the run's
// rows the files' merged.
func TestLatencyReport(t *testing.T) {
	out, files, run := runLatency(t)
	if strings.Contains(out, "Latency") {
		t.Errorf("latency table printed without --latency:\n%s", out)
	}
	counts := func(rows []latencyRow) string {
		var s []string
		for _, r := range rows {
			s = append(s, r.Protocol+"/"+r.Name+"="+strconv.FormatUint(r.Count, 10))
		}
		return strings.Join(s, " ")
	}
	for name, want := range map[string]string{
		"echo.test.js": "ws/auth?token=[REDACTED]=1 ws/ping=30 ws/subscribe=20",
		"text.test.js": "ws/ping=10 ws/request=3 ws/sum=5",
	} {
		if got := counts(files[name]); got != want {
			t.Errorf("%s: operations %s, want %s", name, got, want)
		}
	}
	if got, want := counts(run), "ws/auth?token=[REDACTED]=1 ws/ping=40 ws/request=3 ws/subscribe=20 ws/sum=5"; got != want {
		t.Errorf("run: operations %s, want %s", got, want)
	}
	var merged report.OperationTable
	for _, rows := range files {
		for _, r := range rows {
			checkLatencyRow(t, r)
			merged.Merge([]report.Operation{{Name: r.Name, Protocol: r.Protocol, Latency: r.Histogram}})
		}
	}
	for i, want := range merged.Rows() {
		checkLatencyRow(t, run[i])
		got, _ := json.Marshal(run[i].Histogram)
		if w, _ := json.Marshal(want.Latency); string(got) != string(w) {
			t.Errorf("run's %s histogram %s, want the files' merged: %s", want.Name, got, w)
		}
	}
}

// checkLatencyRow checks that a row's numbers are in order, and are what its histogram says to
// the microsecond the report rounds to.
func checkLatencyRow(t *testing.T, r latencyRow) {
	t.Helper()
	if !(r.Max >= r.P99 && r.P99 >= r.P95 && r.P95 >= r.P50 && r.P50 > 0 && r.Max < 5000) {
		t.Errorf("%s: p50 %v, p95 %v, p99 %v, max %v: want 0 < p50 ≤ p95 ≤ p99 ≤ max < 5s", r.Name, r.P50, r.P95, r.P99, r.Max)
	}
	if r.Histogram == nil || r.Histogram.Count() != r.Count {
		t.Fatalf("%s: histogram %+v does not hold its %d samples", r.Name, r.Histogram, r.Count)
	}
	for _, q := range []struct {
		got float64
		q   float64
	}{{r.P50, 0.5}, {r.P95, 0.95}, {r.P99, 0.99}, {r.Max, 1}} {
		want := float64(r.Histogram.Quantile(q.q).Microseconds()) / 1000
		if d := q.got - want; d > 0.0011 || d < -0.0011 {
			t.Errorf("%s: p%v is %v, its histogram says %v", r.Name, q.q*100, q.got, want)
		}
	}
}

var (
	latencyTimes = regexp.MustCompile(`(?m)\((\d+ms|\d+\.\d\ds)\)|\d+\.\d\ds$`)
	// The columns after count vary in width with the durations.
	latencyNumbers = regexp.MustCompile(`(?m)^(  (?:\S+\s+ws\s+\d+|name\s+protocol\s+count))\s.*$`)
)

// TestLatencyTable checks --latency through the binary: the table, before Files:, with the
// durations masked.
func TestLatencyTable(t *testing.T) {
	out, _, _ := runLatency(t, "--latency")
	table, _, ok := strings.Cut(out, "Files:")
	if !ok || !strings.Contains(table, "Latency (ms):") {
		t.Fatalf("no latency table before Files:\n%s", out)
	}
	masked := latencyTimes.ReplaceAllString(out, "TIME")
	masked = latencyNumbers.ReplaceAllString(masked, "$1  (p50 p95 p99 max)")
	goldentest.Check(t, filepath.Join("testdata", "golden", "latency.golden"), masked)
}
