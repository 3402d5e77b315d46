package report

import "time"

// Status is the outcome of a test or a file.
type Status string

// The statuses a test or file can end with. Files are only passed or failed.
const (
	Passed  Status = "passed"
	Failed  Status = "failed"
	Skipped Status = "skipped"
	Todo    Status = "todo"
)

// Location is a position in an original source file, 1-based.
type Location struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// CodeFrame is a few lines of source around a Location, for showing where a failure happened.
type CodeFrame struct {
	FirstLine int      `json:"firstLine"` // number of Lines[0]
	Lines     []string `json:"lines"`
	Line      int      `json:"line"`   // the failing line, within [FirstLine, FirstLine+len(Lines))
	Column    int      `json:"column"` // 1-based column of the caret
}

// Failure describes why a test, hook or file failed.
type Failure struct {
	// Message is the full human-readable text: for assertions the matcher line, expected,
	// received and diff, as Jest prints them; for errors "Name: message".
	Message   string     `json:"message"`
	Stack     string     `json:"stack,omitempty"`
	Location  *Location  `json:"location,omitempty"`
	CodeFrame *CodeFrame `json:"-"`
}

// ConsoleEntry is one console.* call captured during a test.
type ConsoleEntry struct {
	Level string `json:"level"` // log, info, warn, error, debug
	Text  string `json:"text"`
}

// Direction of a transcript entry.
const (
	Sent     = "→"
	Received = "←"
	Closed   = "×"
	Note     = "·" // something said about the connection that is not a frame, e.g. dropped history
)

// TranscriptEntry is one entry of a connection's transcript: a message sent or received, the
// close, or a note.
type TranscriptEntry struct {
	At   time.Duration `json:"at"` // since the test started
	Dir  string        `json:"dir"`
	Conn string        `json:"conn"`
	Data string        `json:"data"` // a message as text, binary ones as a short hex/len summary
}

// Transcript is the tail of one connection's entries that a failed test shows.
type Transcript struct {
	Conn    string            `json:"conn"`
	Omitted int               `json:"omitted"` // entries before the tail that are not kept here
	Entries []TranscriptEntry `json:"frames"`  // "frames" in reports, see docs/reports.md
}

// TestResult is the outcome of one test.
type TestResult struct {
	Name     string        `json:"name"`
	FullName string        `json:"fullName"` // describe path and name, joined by " › "
	Status   Status        `json:"status"`
	Duration time.Duration `json:"duration"`
	Retries  int           `json:"retries"`
	Flaky    bool          `json:"flaky,omitempty"`
	// Reason says why a skipped test did not run when it was not a .skip of the script's own,
	// such as "not run: --bail stopped the run after 1 failure".
	Reason      string         `json:"reason,omitempty"`
	Errors      []Failure      `json:"errors,omitempty"` // first is the main one; soft failures follow
	Console     []ConsoleEntry `json:"console"`
	Transcripts []Transcript   `json:"transcripts,omitempty"`
	// Timeline is the test's whole conversation, every connection's entries in the order
	// they happened, capped (see TimelineBuilder); nil unless the run kept timelines
	// (engine.Options.Timelines, for the HTML and JSON reports).
	Timeline *Timeline `json:"timeline,omitempty"`
}

// FileResult is the outcome of one test file.
type FileResult struct {
	Path     string        `json:"path"`
	Status   Status        `json:"status"` // Passed, Failed, or Skipped for a file --bail never ran
	Duration time.Duration `json:"duration"`
	Error    *Failure      `json:"error,omitempty"` // load/compile error or a failing beforeAll/afterAll
	Tests    []TestResult  `json:"tests"`
	// Snapshots is what the run did with the file's snapshot file; nil when there is
	// nothing to say (every snapshot matched, or the file uses none).
	Snapshots *FileSnapshots `json:"snapshots,omitempty"`
	// Operations are the latencies of the file's request-like operations, sorted by
	// protocol, then name (OperationTable.Rows); nil when it timed none.
	Operations []Operation `json:"operations"`
	// Inputs are the absolute paths of the files the test file was built from: itself first,
	// then what it imports, directly or not (esbuild's metafile). When it failed to bundle,
	// only the file and the one the error points into are known. Watch mode re-runs the file
	// when one of them changes; no report shows them. Nil when the file was not loaded.
	Inputs []string `json:"-"`
}

// FileSnapshots is what a run did with one test file's __snapshots__/<file>.snap.
type FileSnapshots struct {
	Path     string   `json:"path"`               // the .snap file, as shown
	Written  int      `json:"written"`            // new snapshots stored
	Updated  int      `json:"updated"`            // snapshots rewritten with -u
	Removed  []string `json:"removed,omitempty"`  // keys no test used, removed with -u
	Obsolete []string `json:"obsolete,omitempty"` // keys no test used, kept without -u
}

// SnapshotCounts tallies snapshots by what a run did with them.
type SnapshotCounts struct {
	Written  int `json:"written"`
	Updated  int `json:"updated"`
	Removed  int `json:"removed"`
	Obsolete int `json:"obsolete"`
}

// Counts tallies files or tests by outcome. Todo tests count as skipped.
type Counts struct {
	Passed  int `json:"passed"`
	Failed  int `json:"failed"`
	Skipped int `json:"skipped"`
	Flaky   int `json:"flaky"`
}

// Summary is the result of a whole run.
type Summary struct {
	Files       Counts        `json:"files"`
	Tests       Counts        `json:"tests"`
	Duration    time.Duration `json:"duration"`
	Interrupted bool          `json:"interrupted,omitempty"`
	// Snapshots adds up the files' snapshot changes; zero when nothing changed.
	Snapshots SnapshotCounts `json:"snapshots,omitzero"`
	// SnapshotFiles are the .snap files whose test file is gone.
	SnapshotFiles SnapshotFiles `json:"snapshotFiles,omitzero"`
	// Operations are the files' operations merged, sorted by protocol, then name.
	Operations []Operation `json:"operations"`
	// Run says which wsrun ran it, when, which shard, and with which reporter options.
	Run RunInfo `json:"run,omitzero"`
}

// SnapshotFiles are .snap files in the searched directories that belong to no test file of
// the run (it was deleted or renamed), as shown: kept without -u, removed with it.
type SnapshotFiles struct {
	Obsolete []string `json:"obsolete,omitempty"`
	Removed  []string `json:"removed,omitempty"`
}

// OK reports whether the run should exit 0: nothing failed and it was not interrupted.
func (s Summary) OK() bool { return s.Files.Failed == 0 && s.Tests.Failed == 0 && !s.Interrupted }
