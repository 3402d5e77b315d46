package report

import (
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
