package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// jsonDoc is the JSON report read back, as a program consuming it would.
type jsonDoc struct {
	Files []struct {
		Path     string          `json:"path"`
		Status   string          `json:"status"`
		Duration float64         `json:"duration"`
		Error    *map[string]any `json:"error"`
		Tests    []struct {
			Name     string  `json:"name"`
			FullName string  `json:"fullName"`
			Status   string  `json:"status"`
			Duration float64 `json:"duration"`
			Retries  *int    `json:"retries"`
			Flaky    bool    `json:"flaky"`
			Error    *struct {
				Message  string    `json:"message"`
				Stack    *string   `json:"stack"`
				Location *Location `json:"location"`
			} `json:"error"`
			Errors  []map[string]any `json:"errors"`
			Console []ConsoleEntry   `json:"console"`
		} `json:"tests"`
	} `json:"files"`
	Summary map[string]any `json:"summary"`
}

func parseJSONReport(t *testing.T, out string) jsonDoc {
	t.Helper()
	if !json.Valid([]byte(out)) {
		t.Fatalf("not valid JSON:\n%s", out)
	}
	var d jsonDoc
	dec := json.NewDecoder(strings.NewReader(out))
	if err := dec.Decode(&d); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestJSONSchema(t *testing.T) {
	out := runReporter(t, func(w *bytes.Buffer) Reporter { return NewJSON(w) }, machineFiles(), false)
	d := parseJSONReport(t, out)
	var paths []string
	for _, f := range d.Files {
		paths = append(paths, f.Path)
	}
	// In order of path, not of finishing.
	if got := strings.Join(paths, " "); got != "scripts/auth.test.js scripts/broken.test.ts scripts/chat.test.js scripts/rooms.test.js" {
		t.Fatalf("files %s", got)
	}
	statuses := map[string]int{}
	for _, f := range d.Files {
		if f.Status != "passed" && f.Status != "failed" {
			t.Errorf("file %s: status %q", f.Path, f.Status)
		}
		for _, tr := range f.Tests {
			statuses[tr.Status]++
			if tr.Retries == nil || tr.Console == nil {
				t.Errorf("test %s: retries or console missing", tr.FullName)
			}
			if (tr.Status == "failed") != (tr.Error != nil) {
				t.Errorf("test %s: status %s with error %v", tr.FullName, tr.Status, tr.Error)
			}
			if tr.Error != nil && (tr.Error.Stack == nil || len(tr.Errors) == 0) {
				t.Errorf("test %s: error without stack, or without errors", tr.FullName)
			}
		}
	}
	want := map[string]int{"passed": 4, "failed": 6, "skipped": 2, "todo": 1}
	for k, v := range want {
		if statuses[k] != v {
			t.Errorf("%d tests %s, want %d", statuses[k], k, v)
		}
	}
	auth := d.Files[0]
	if f := auth.Tests[2]; !f.Flaky || *f.Retries != 1 || f.Duration != 1234 {
		t.Errorf("flaky test: %+v, want flaky, 1 retry, 1234ms", f)
	}
	if auth.Duration != 420 {
		t.Errorf("file duration %v, want 420 (milliseconds)", auth.Duration)
	}
	if f := d.Files[2].Tests[3]; len(f.Errors) != 2 {
		t.Errorf("soft failures: %d errors, want 2", len(f.Errors))
	}
	if d.Files[1].Error == nil || !strings.Contains((*d.Files[1].Error)["message"].(string), "SyntaxError") {
		t.Errorf("the file that does not compile has no error")
	}
	s := d.Summary
	if s["duration"] != 6420.0 || s["success"] != false || s["interrupted"] != false {
		t.Errorf("summary %v", s)
	}
	tests := s["tests"].(map[string]any)
	if tests["passed"] != 4.0 || tests["failed"] != 6.0 || tests["skipped"] != 3.0 || tests["flaky"] != 1.0 {
		t.Errorf("summary tests %v", tests)
	}
}

func TestJSONHostile(t *testing.T) {
	out := runReporter(t, func(w *bytes.Buffer) Reporter { return NewJSON(w) }, []FileResult{hostileFile()}, true)
	d := parseJSONReport(t, out)
	got := d.Files[0].Tests[0].Console[0].Text
	want := "nul\x00 esc\x1b[31m bad\uFFFD\uFFFDutf8 cdata]]> cr\r lf\n fffe\uFFFE quote\"' <b>&amp; %0A::x,y"
	if got != want {
		t.Errorf("console text read back as %q, want %q", got, want)
	}
	if d.Summary["interrupted"] != true {
		t.Error("an interrupted run is not marked")
	}
}

func TestMillis(t *testing.T) {
	tests := map[string]struct {
		d    int64
		want string
	}{
		"zero": {0, "0"}, "whole": {12e6, "12"}, "fraction": {1500, "0.002"}, "micro": {12345678, "12.346"},
		"negative": {-5, "0"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			if got := millis(time.Duration(tt.d)); got != tt.want {
				t.Errorf("millis(%d) = %s, want %s", tt.d, got, tt.want)
			}
		})
	}
}
