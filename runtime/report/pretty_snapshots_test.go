package report

import (
	"strings"
	"testing"
	"time"
)

// snapshotFiles are two files whose snapshots changed: one written and updated, one with
// snapshots that no test used, removed in one case and obsolete in the other.
func snapshotFiles(update bool) []FileResult {
	pass := []TestResult{{Name: "t", FullName: "chat › t", Status: Passed, Duration: 3 * time.Millisecond}}
	keys := []string{"a 1", "b 1", "b 2", "b: hint 1", "multi\nline 1", "f 1", "g 1"}
	other := &FileSnapshots{Path: "__snapshots__/b.test.js.snap", Obsolete: keys}
	if update {
		other = &FileSnapshots{Path: "__snapshots__/b.test.js.snap", Removed: keys[:1]}
	}
	return []FileResult{
		{Path: fixtureCwd + "/a.test.js", Status: Passed, Tests: pass,
			Snapshots: &FileSnapshots{Path: "__snapshots__/a.test.js.snap", Written: 2, Updated: 1}},
		{Path: fixtureCwd + "/b.test.js", Status: Passed, Tests: pass, Snapshots: other},
	}
}

func TestPrettySnapshots(t *testing.T) {
	tests := []struct {
		name   string
		opts   PrettyOptions
		update bool
	}{
		{"pretty-snapshots.golden", PrettyOptions{Cwd: fixtureCwd}, false},
		{"pretty-snapshots-color.golden", PrettyOptions{Cwd: fixtureCwd, Colors: NewColors(true)}, false},
		{"pretty-snapshots-update.golden", PrettyOptions{Cwd: fixtureCwd}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkGolden(t, tt.name, runPretty(t, tt.opts, snapshotFiles(tt.update), false))
		})
	}
}

// Snapshot files without a test file are counted on the Snapshots line and named below it.
func TestPrettySnapshotFiles(t *testing.T) {
	tests := []struct {
		files SnapshotFiles
		want  string
	}{
		{SnapshotFiles{Obsolete: []string{"__snapshots__/gone.test.js.snap"}},
			"Snapshots: 1 file obsolete\n  › __snapshots__/gone.test.js.snap: its test file is gone (run with -u to remove)\n"},
		{SnapshotFiles{Removed: []string{"a/__snapshots__/x.test.js.snap", "b/__snapshots__/y.test.ts.snap"}},
			"Snapshots: 2 files removed\n  › a/__snapshots__/x.test.js.snap: removed, its test file is gone\n  › b/__snapshots__/y.test.ts.snap: removed, its test file is gone\n"},
	}
	for _, tt := range tests {
		var out strings.Builder
		rep := NewPretty(&out, PrettyOptions{})
		if err := rep.RunDone(Summary{SnapshotFiles: tt.files}); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(out.String(), tt.want+"Files:") {
			t.Errorf("got:\n%s\nwant it to start with:\n%sFiles:", out.String(), tt.want)
		}
	}
}
