package report

import (
	"errors"
	"reflect"
	"testing"
	"time"
)

func TestAggregator(t *testing.T) {
	tests := []struct {
		name  string
		files []FileResult
		want  Summary
	}{
		{"nothing", nil, Summary{}},
		{"fixture", fixtureFiles(), Summary{
			Files: Counts{Passed: 1, Failed: 3},
			Tests: Counts{Passed: 4, Failed: 6, Skipped: 3, Flaky: 1},
		}},
		{"todo counts as skipped", []FileResult{{Status: Passed, Tests: []TestResult{
			{Status: Todo}, {Status: Skipped}, {Status: Passed},
		}}}, Summary{Files: Counts{Passed: 1}, Tests: Counts{Passed: 1, Skipped: 2}}},
		{"load error adds one failed test", []FileResult{{Status: Failed, Error: &Failure{Message: "SyntaxError"}}},
			Summary{Files: Counts{Failed: 1}, Tests: Counts{Failed: 1}}},
		{"failing afterAll adds one failed test", []FileResult{{Status: Failed, Error: &Failure{Message: "afterAll"},
			Tests: []TestResult{{Status: Passed}, {Status: Passed}}}},
			Summary{Files: Counts{Failed: 1}, Tests: Counts{Passed: 2, Failed: 1}}},
		{"load error reported as a test is counted once", []FileResult{{Status: Failed, Error: &Failure{Message: "x"},
			Tests: []TestResult{{Status: Failed}}}},
			Summary{Files: Counts{Failed: 1}, Tests: Counts{Failed: 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a Aggregator
			for _, f := range tt.files {
				a.Add(f)
			}
			want := tt.want
			want.Duration, want.Interrupted = time.Second, true
			if got := a.Summary(time.Second, true); !reflect.DeepEqual(got, want) {
				t.Errorf("Summary = %+v, want %+v", got, want)
			}
		})
	}
}

func TestMulti(t *testing.T) {
	var calls []string
	rec := func(name string, err error) Reporter {
		return Funcs{
			OnFile: func(f FileResult) { calls = append(calls, name+" "+f.Path) },
			OnRun:  func(Summary) error { calls = append(calls, name+" done"); return err },
		}
	}
	errB, errC := errors.New("b"), errors.New("c")
	m := Multi(rec("a", nil), rec("b", errB), rec("c", errC), Funcs{})
	m.FileDone(FileResult{Path: "x.test.js"})
	if err := m.RunDone(Summary{}); err != errB {
		t.Errorf("RunDone = %v, want the first error %v", err, errB)
	}
	want := []string{"a x.test.js", "b x.test.js", "c x.test.js", "a done", "b done", "c done"}
	if len(calls) != len(want) {
		t.Fatalf("calls = %q, want %q", calls, want)
	}
	for i := range want {
		if calls[i] != want[i] {
			t.Errorf("call %d = %q, want %q", i, calls[i], want[i])
		}
	}
}
