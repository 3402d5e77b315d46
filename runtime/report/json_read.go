package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"time"
)

// Run is a run read back from its JSON report: its files, in the report's order, and its
// summary, with the run's operations in Summary.Operations and its "run" object in
// Summary.Run.
type Run struct {
	Files   []FileResult
	Summary Summary
}

// ErrNotJSONReport is returned, wrapped, by ReadJSON for input that is not a JSON report of
// wsrun's; ErrNewerFormat for a report whose layout is newer than this wsrun reads.
var (
	ErrNotJSONReport = errors.New("not a wsrun JSON report")
	ErrNewerFormat   = errors.New("written in a newer report format")
)

// jsonReportIn is a JSON report as ReadJSON decodes it.
type jsonReportIn struct {
	Run        jsonRun         `json:"run"`
	Files      []jsonFile      `json:"files"`
	Operations []jsonOperation `json:"operations"`
	Summary    jsonSummary     `json:"summary"`
}

// ReadJSON reads a report NewJSON wrote into the results it was written from, as far as the
// report holds them: durations to the microsecond, and a test's FullName even where it was
// empty. Feeding them to reporters prints what the run printed (Merge builds on that). It
// refuses input that is not a report (ErrNotJSONReport), a report in a newer format
// (ErrNewerFormat), and values no report holds: an unknown status or direction, a negative
// duration, an operation whose count disagrees with its histogram. A report from before the
// "run" object existed reads as format 1 with an empty RunInfo.
func ReadJSON(r io.Reader) (Run, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return Run{}, err
	}
	// First only what tells a report apart, so that a newer format is refused as such rather
	// than by whichever of its fields fails to decode.
	var head struct {
		Run *struct {
			Format  int    `json:"format"`
			Version string `json:"version"`
		} `json:"run"`
		Files   json.RawMessage `json:"files"`
		Summary json.RawMessage `json:"summary"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return Run{}, fmt.Errorf("%w: %v", ErrNotJSONReport, jsonErrorText(err))
	}
	if head.Files == nil || head.Summary == nil {
		return Run{}, fmt.Errorf("%w: it has no \"files\" and \"summary\" (is it the JSON report of -r json=PATH?)", ErrNotJSONReport)
	}
	if head.Run != nil && head.Run.Format > JSONFormat {
		return Run{}, fmt.Errorf("%w: wsrun %s wrote it in format %d, and this wsrun reads format %d and older; use wsrun %[2]s or newer",
			ErrNewerFormat, head.Run.Version, head.Run.Format, JSONFormat)
	}
	var in jsonReportIn
	if err := json.Unmarshal(data, &in); err != nil {
		return Run{}, fmt.Errorf("%w: %v", ErrNotJSONReport, jsonErrorText(err))
	}
	var run Run
	for i, jf := range in.Files {
		f, err := jf.result()
		if err != nil {
			return Run{}, fmt.Errorf("files[%d] %q: %w", i, jf.Path, err)
		}
		run.Files = append(run.Files, f)
	}
	ops, err := operationsOf(in.Operations)
	if err != nil {
		return Run{}, fmt.Errorf("operations: %w", err)
	}
	s := in.Summary
	run.Summary = Summary{
		Files:    Counts{Passed: s.Files.Passed, Failed: s.Files.Failed, Skipped: s.Files.Skipped},
		Tests:    s.Tests,
		Duration: time.Duration(s.Duration), Interrupted: s.Interrupted,
		Snapshots: s.Snapshots, SnapshotFiles: s.SnapshotFiles, Operations: ops, Run: in.Run.RunInfo,
	}
	return run, nil
}

// jsonErrorText says where a decoding error happened, which encoding/json's type errors only
// do through their fields.
func jsonErrorText(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		return fmt.Sprintf("%s: want %s, not %s", te.Field, jsonKind(te.Type), te.Value)
	}
	return err.Error()
}

// jsonKind names what JSON value a Go type is read from.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8,
		reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "an array"
	}
	return "an object"
}

func (jf jsonFile) result() (FileResult, error) {
	f := jf.FileResult
	f.Path, f.Status, f.Duration, f.Snapshots = jf.Path, jf.Status, time.Duration(jf.Duration), jf.Snapshots
	switch f.Status {
	case Passed, Failed, Skipped:
	default:
		return f, fmt.Errorf("status %q is not passed, failed or skipped", f.Status)
	}
	f.Error = jf.Error.failure()
	f.Tests = make([]TestResult, 0, len(jf.Tests))
	for i, jt := range jf.Tests {
		t, err := jt.result()
		if err != nil {
			return f, fmt.Errorf("tests[%d] %q: %w", i, jt.FullName, err)
		}
		f.Tests = append(f.Tests, t)
	}
	var err error
	if f.Operations, err = operationsOf(jf.Operations); err != nil {
		return f, fmt.Errorf("operations: %w", err)
	}
	return f, nil
}

func (jt jsonTest) result() (TestResult, error) {
	t := jt.TestResult
	t.Name, t.FullName, t.Status, t.Duration = jt.Name, jt.FullName, jt.Status, time.Duration(jt.Duration)
	t.Retries, t.Flaky, t.Reason, t.Console = jt.Retries, jt.Flaky, jt.Reason, jt.Console
	switch {
	case t.Status != Passed && t.Status != Failed && t.Status != Skipped && t.Status != Todo:
		return t, fmt.Errorf("status %q is not passed, failed, skipped or todo", t.Status)
	case t.Retries < 0:
		return t, fmt.Errorf("retries %d is negative", t.Retries)
	}
	t.Errors = nil
	for i := range jt.Errors {
		t.Errors = append(t.Errors, *jt.Errors[i].failure())
	}
	if len(t.Errors) == 0 && jt.Error != nil { // a report that only has the first error
		t.Errors = []Failure{*jt.Error.failure()}
	}
	t.Transcripts = nil
	for _, jtr := range jt.Transcripts {
		tr := Transcript{Conn: jtr.Conn, Omitted: jtr.Omitted, Entries: make([]TranscriptEntry, 0, len(jtr.Entries))}
		for _, e := range jtr.Entries {
			dir, ok := directionOf[e.Dir]
			if !ok {
				return t, fmt.Errorf("transcript %q: direction %q is not sent, received, closed or note", jtr.Conn, e.Dir)
			}
			tr.Entries = append(tr.Entries, TranscriptEntry{At: time.Duration(e.At), Dir: dir, Conn: jtr.Conn, Data: e.Data})
		}
		t.Transcripts = append(t.Transcripts, tr)
	}
	t.Timeline = jt.Timeline.timeline()
	return t, nil
}

// timeline reads a test's timeline back; its directions are taken as they are, for the HTML
// report to draw.
func (jt *jsonTimeline) timeline() *Timeline {
	if jt == nil {
		return nil
	}
	tl := jt.Timeline
	tl.Omitted, tl.OmittedAt = jt.Omitted, jt.OmittedAt
	tl.Entries = make([]TimelineEntry, 0, len(jt.Entries))
	for _, je := range jt.Entries {
		e := je.TimelineEntry
		e.At, e.Dir, e.Conn, e.Server, e.Data = time.Duration(je.At), je.Dir, je.Conn, je.Server, je.Data
		e.Binary, e.Size, e.Truncated, e.Outcome, e.Start = je.Binary, je.Size, je.Truncated, je.Outcome, 0
		if je.Start != nil {
			e.Start = time.Duration(*je.Start)
		}
		tl.Entries = append(tl.Entries, e)
	}
	return &tl
}

// directionOf turns jsonDirection's words back into a transcript entry's direction.
var directionOf = map[string]string{"sent": Sent, "received": Received, "closed": Closed, "note": Note}

func (jf *jsonFailure) failure() *Failure {
	if jf == nil {
		return nil
	}
	f := jf.Failure
	f.Message, f.Stack, f.Location, f.CodeFrame = jf.Message, jf.Stack, jf.Location, jf.CodeFrame
	return &f
}

// operationsOf reads operation rows back from their histograms; nil when there are none, as
// the engine leaves them.
func operationsOf(rows []jsonOperation) ([]Operation, error) {
	var out []Operation
	for _, r := range rows {
		switch {
		case r.Histogram == nil:
			return nil, fmt.Errorf("%s %q has no histogram (was the report written by an older wsrun?)", r.Protocol, r.Name)
		case r.Histogram.Count() != r.Count:
			return nil, fmt.Errorf("%s %q: count %d, but its histogram counts %d", r.Protocol, r.Name, r.Count, r.Histogram.Count())
		}
		out = append(out, Operation{Name: r.Name, Protocol: r.Protocol, Latency: r.Histogram})
	}
	return out, nil
}
