package report

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"
)

// NewJSON returns the reporter that writes the whole run as one JSON object, in RunDone, in one
// Write. The schema is the one in docs/reports.md:
//
//	{ "run": { "format", "version", "start"?, "shard"?, "merged"?, "verbose", "latency" },
//	  "files": [{ "path", "status", "duration", "error"?, "tests": [{ "name", "fullName",
//	  "status", "duration", "retries", "flaky"?, "reason"?, "error"?, "errors"?, "console",
//	  "transcripts"?, "timeline"? }], "snapshots"?, "operations" }],
//	  "operations": [{ "name", "protocol", "count", "p50", "p95", "p99", "max", "histogram" }],
//	  "summary": { "files", "tests", "duration", "interrupted", "success", "snapshots"? } }
//
// Files are in order of path, whichever finished first, so that reports of the same run compare
// equal. Statuses are "passed" and "failed" for files ("skipped" for one --bail never ran) and
// "passed", "failed", "skipped" and "todo" for tests; durations are milliseconds. Operations,
// per file and for the run, are [] when none was timed. The report holds everything the other
// reporters show, so that ReadJSON gives back results they print as the run did. The reporter
// is not safe for concurrent use.
func NewJSON(w io.Writer) Reporter { return &jsonReporter{w: w, files: []jsonFile{}} }

type jsonReporter struct {
	w     io.Writer
	files []jsonFile
}

// JSONFormat is the version of the JSON report's layout, its "run.format". It goes up only
// when a change would make an older ReadJSON misread a report (a field that changes meaning),
// not when fields are added, which older readers keep or skip.
const JSONFormat = 1

type jsonReport struct {
	Run        jsonRun         `json:"run"`
	Files      []jsonFile      `json:"files"`
	Operations []jsonOperation `json:"operations"` // the run's: every file's merged
	Summary    jsonSummary     `json:"summary"`
}

// jsonRun is the report's "run" object: the layout's version and the RunInfo.
type jsonRun struct {
	Format int `json:"format"`
	RunInfo
}

// The report's file, test and failure objects name their fields and then embed the result
// type they write: a field the result type gains (with a json tag) is written after the named
// ones and read back by ReadJSON without a change here. Named fields win over the embedded
// ones of the same JSON name, which is how durations become milliseconds.

type jsonFile struct {
	Path     string       `json:"path"`
	Status   Status       `json:"status"`
	Duration jsonMillis   `json:"duration"`
	Error    *jsonFailure `json:"error,omitempty"`
	Tests    []jsonTest   `json:"tests"`
	// Snapshots is what the run did with the file's .snap file, when it did anything.
	Snapshots  *FileSnapshots  `json:"snapshots,omitempty"`
	Operations []jsonOperation `json:"operations"`
	FileResult
}

// jsonOperation is an Operation's row: the count, percentiles and max in milliseconds, and
// the histogram they come from, which is what merging reports needs.
type jsonOperation struct {
	Name      string     `json:"name"`
	Protocol  string     `json:"protocol"`
	Count     uint64     `json:"count"`
	P50       jsonMillis `json:"p50"`
	P95       jsonMillis `json:"p95"`
	P99       jsonMillis `json:"p99"`
	Max       jsonMillis `json:"max"`
	Histogram *Histogram `json:"histogram"`
}

func jsonOperations(rows []Operation) []jsonOperation {
	out := make([]jsonOperation, 0, len(rows))
	for _, r := range rows {
		h := r.Latency
		if h == nil {
			h = &Histogram{}
		}
		out = append(out, jsonOperation{Name: r.Name, Protocol: r.Protocol, Count: h.Count(),
			P50: jsonMillis(h.Quantile(0.50)), P95: jsonMillis(h.Quantile(0.95)), P99: jsonMillis(h.Quantile(0.99)),
			Max: jsonMillis(h.Max()), Histogram: h})
	}
	return out
}

type jsonTest struct {
	Name        string           `json:"name"`
	FullName    string           `json:"fullName"`
	Status      Status           `json:"status"`
	Duration    jsonMillis       `json:"duration"`
	Retries     int              `json:"retries"`
	Flaky       bool             `json:"flaky,omitempty"`
	Reason      string           `json:"reason,omitempty"`
	Error       *jsonFailure     `json:"error,omitempty"`
	Errors      []jsonFailure    `json:"errors,omitempty"`
	Console     []ConsoleEntry   `json:"console"`
	Transcripts []jsonTranscript `json:"transcripts,omitempty"`
	Timeline    *jsonTimeline    `json:"timeline,omitempty"`
	TestResult
}

// jsonTimeline is a Timeline with its times in milliseconds.
type jsonTimeline struct {
	Entries   []jsonTimelineEntry `json:"entries"`
	Omitted   int                 `json:"omitted,omitempty"`
	OmittedAt int                 `json:"omittedAt,omitempty"`
	Timeline                      // payloadsOmitted, and what Timeline gains
}

type jsonTimelineEntry struct {
	At        jsonMillis  `json:"at"`
	Dir       string      `json:"dir"`
	Conn      string      `json:"conn"`
	Server    bool        `json:"server,omitempty"`
	Data      string      `json:"data"`
	Binary    bool        `json:"binary,omitempty"`
	Size      int         `json:"size,omitempty"`
	Truncated bool        `json:"truncated,omitempty"`
	Start     *jsonMillis `json:"start,omitempty"`
	Outcome   string      `json:"outcome,omitempty"`
	TimelineEntry
}

func jsonTimelineOf(t *Timeline) *jsonTimeline {
	if t == nil {
		return nil
	}
	jt := &jsonTimeline{Entries: make([]jsonTimelineEntry, 0, len(t.Entries)), Omitted: t.Omitted, OmittedAt: t.OmittedAt, Timeline: *t}
	for _, e := range t.Entries {
		je := jsonTimelineEntry{At: jsonMillis(e.At), Dir: e.Dir, Conn: e.Conn, Server: e.Server, Data: e.Data,
			Binary: e.Binary, Size: e.Size, Truncated: e.Truncated, Outcome: e.Outcome, TimelineEntry: e}
		if e.Dir == DirWait {
			start := jsonMillis(e.Start)
			je.Start = &start
		}
		jt.Entries = append(jt.Entries, je)
	}
	return jt
}

// jsonFailure is a Failure with stack and location always present, and its code frame when
// it has one (the pretty and JUnit reports of a merged run show it).
type jsonFailure struct {
	Message   string     `json:"message"`
	Stack     string     `json:"stack"`
	Location  *Location  `json:"location"`
	CodeFrame *CodeFrame `json:"codeFrame,omitempty"`
	Failure
}

type jsonTranscript struct {
	Conn    string                `json:"conn"`
	Omitted int                   `json:"omitted"`
	Entries []jsonTranscriptEntry `json:"frames"`
}

type jsonTranscriptEntry struct {
	At   jsonMillis `json:"at"`
	Dir  string     `json:"dir"` // sent, received, closed or note
	Data string     `json:"data"`
}

type jsonSummary struct {
	Files       jsonFileCounts `json:"files"`
	Tests       Counts         `json:"tests"`
	Duration    jsonMillis     `json:"duration"`
	Interrupted bool           `json:"interrupted"`
	Success     bool           `json:"success"`
	Snapshots   SnapshotCounts `json:"snapshots,omitzero"`
	// SnapshotFiles are .snap files whose test file is gone, kept or removed (-u).
	SnapshotFiles SnapshotFiles `json:"snapshotFiles,omitzero"`
}

type jsonFileCounts struct {
	Passed  int `json:"passed"`
	Failed  int `json:"failed"`
	Skipped int `json:"skipped,omitempty"`
}

// jsonMillis is a duration that marshals as a number of milliseconds, to the microsecond.
type jsonMillis time.Duration

func (d jsonMillis) MarshalJSON() ([]byte, error) { return []byte(millis(time.Duration(d))), nil }

// maxMillis is the longest duration, in milliseconds, a time.Duration holds (292 years).
const maxMillis = float64(math.MaxInt64 / int64(time.Millisecond))

// UnmarshalJSON reads a number of milliseconds, refusing one that is negative or too long
// for a time.Duration.
func (d *jsonMillis) UnmarshalJSON(data []byte) error {
	var ms float64
	if err := json.Unmarshal(data, &ms); err != nil {
		return fmt.Errorf("a duration must be a number of milliseconds, not %s", data)
	}
	if ms < 0 || ms > maxMillis {
		return fmt.Errorf("duration %s ms is out of range", data)
	}
	*d = jsonMillis(math.Round(ms * float64(time.Millisecond)))
	return nil
}

// msOf is d in milliseconds, to the microsecond (0 for a negative d), as the reports give it.
func msOf(d time.Duration) float64 {
	return float64(max(d, 0).Round(time.Microsecond)) / float64(time.Millisecond)
}

// millis formats d as a number of milliseconds with up to three decimals ("12", "0.5").
func millis(d time.Duration) string {
	return strconv.FormatFloat(msOf(d), 'f', -1, 64)
}

func (j *jsonReporter) FileDone(f FileResult) {
	jf := jsonFile{Path: f.Path, Status: f.Status, Duration: jsonMillis(f.Duration),
		Error: jsonFailureOf(f.Error), Tests: make([]jsonTest, 0, len(f.Tests)), Snapshots: f.Snapshots,
		Operations: jsonOperations(f.Operations), FileResult: f}
	if jf.Status != Failed && jf.Status != Skipped {
		jf.Status = Passed
	}
	for _, t := range f.Tests {
		jf.Tests = append(jf.Tests, jsonTestOf(t))
	}
	j.files = append(j.files, jf)
}

func (j *jsonReporter) RunDone(s Summary) error {
	doc := jsonReport{Run: jsonRun{Format: JSONFormat, RunInfo: s.Run}, Files: sortedByPath(j.files, func(f jsonFile) string { return f.Path }),
		Operations: jsonOperations(s.Operations), Summary: jsonSummary{
			Files:    jsonFileCounts{Passed: s.Files.Passed, Failed: s.Files.Failed, Skipped: s.Files.Skipped},
			Tests:    s.Tests,
			Duration: jsonMillis(s.Duration), Interrupted: s.Interrupted, Success: s.OK(),
			Snapshots: s.Snapshots, SnapshotFiles: s.SnapshotFiles,
		}}
	enc := json.NewEncoder(j.w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("json reporter: %w", err)
	}
	return nil
}

func jsonTestOf(t TestResult) jsonTest {
	jt := jsonTest{Name: t.Name, FullName: testName(t), Status: t.Status, Duration: jsonMillis(t.Duration),
		Retries: t.Retries, Flaky: t.Flaky, Reason: t.Reason, Console: t.Console, Timeline: jsonTimelineOf(t.Timeline),
		TestResult: t}
	if jt.Console == nil {
		jt.Console = []ConsoleEntry{}
	}
	if len(t.Errors) > 0 {
		jt.Error = jsonFailureOf(&t.Errors[0])
		for i := range t.Errors {
			jt.Errors = append(jt.Errors, *jsonFailureOf(&t.Errors[i]))
		}
	}
	for _, tr := range t.Transcripts {
		jtr := jsonTranscript{Conn: tr.Conn, Omitted: tr.Omitted, Entries: make([]jsonTranscriptEntry, 0, len(tr.Entries))}
		for _, e := range tr.Entries {
			jtr.Entries = append(jtr.Entries, jsonTranscriptEntry{At: jsonMillis(e.At), Dir: jsonDirection(e.Dir), Data: e.Data})
		}
		jt.Transcripts = append(jt.Transcripts, jtr)
	}
	return jt
}

func jsonFailureOf(f *Failure) *jsonFailure {
	if f == nil {
		return nil
	}
	return &jsonFailure{Message: f.Message, Stack: f.Stack, Location: f.Location, CodeFrame: f.CodeFrame, Failure: *f}
}

// jsonDirection names a transcript entry's direction in words, for programs.
func jsonDirection(dir string) string {
	switch dir {
	case Sent:
		return "sent"
	case Received:
		return "received"
	case Closed:
		return "closed"
	}
	return "note"
}
