package report

import "time"

// Aggregator tallies file results into the counts of a Summary. Its zero value is ready to use.
// It is not safe for concurrent use; the engine feeds it from the goroutine that calls the
// reporters.
type Aggregator struct {
	files Counts
	tests Counts
	snaps SnapshotCounts
	ops   OperationTable
}

// Add counts one file, its tests and its snapshot changes. A file is failed when its Status is
// Failed, skipped when it is Skipped (--bail never ran it), and passed otherwise. Tests count by status, with Todo counted as skipped; a test that passed with Flaky
// set counts as passed and as flaky. A failed file none of whose tests failed (a load error, a
// failing afterAll) adds one failed test, so that the Tests line never hides a failure.
// Its operations merge into the run's.
func (a *Aggregator) Add(f FileResult) {
	a.ops.Merge(f.Operations)
	if s := f.Snapshots; s != nil {
		a.snaps.Written += s.Written
		a.snaps.Updated += s.Updated
		a.snaps.Removed += len(s.Removed)
		a.snaps.Obsolete += len(s.Obsolete)
	}
	failed := 0
	for _, t := range f.Tests {
		switch t.Status {
		case Passed:
			a.tests.Passed++
			if t.Flaky {
				a.tests.Flaky++
			}
		case Failed:
			a.tests.Failed++
			failed++
		case Skipped, Todo:
			a.tests.Skipped++
		}
	}
	if f.Status == Skipped {
		a.files.Skipped++
		return
	}
	if f.Status != Failed {
		a.files.Passed++
		return
	}
	a.files.Failed++
	if failed == 0 {
		a.tests.Failed++
	}
}

// Summary returns the counts so far with the run's duration d and whether it was interrupted.
// It may be called more than once; later calls include files added since.
func (a *Aggregator) Summary(d time.Duration, interrupted bool) Summary {
	return Summary{Files: a.files, Tests: a.tests, Duration: d, Interrupted: interrupted, Snapshots: a.snaps,
		Operations: a.ops.Rows()}
}
