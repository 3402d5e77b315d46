package report

import (
	"strings"
	"testing"
)

// TestMultiSurvivesAPanickingReporter: a reporter that panics gets no more calls, the others
// get every result, and RunDone reports the panic.
func TestMultiSurvivesAPanickingReporter(t *testing.T) {
	var files []string
	good := Funcs{OnFile: func(f FileResult) { files = append(files, f.Path) }}
	bad := Funcs{OnFile: func(FileResult) { panic("reporter bug") }}
	m := Multi(bad, good)
	m.FileDone(FileResult{Path: "a"})
	m.FileDone(FileResult{Path: "b"})
	err := m.RunDone(Summary{})
	if strings.Join(files, ",") != "a,b" {
		t.Errorf("the good reporter got %q", files)
	}
	if err == nil || !strings.Contains(err.Error(), "internal error in the report.Funcs reporter: reporter bug") {
		t.Errorf("RunDone: %v", err)
	}
}
