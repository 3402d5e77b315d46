package report

import (
	"cmp"
	"slices"
)

// A file can fail on its own: it does not compile, an import is missing, a beforeAll or afterAll
// hook throws. The engine then sets FileResult.Error and also reports the error as a failed test,
// named after the file for a load error or a failing afterAll, and as the error of every test a
// failing beforeAll kept from running. Reporters that show failures once per error (pretty, dot,
// github) show the file's error once and skip the tests that share it; reporters that list tests
// (junit, tap) list each test with its own copy, which is what happened to it. Either way, a
// file's error that no test carries still needs a place: fileFailure makes one.

// sharesFileError reports whether t failed with the file's own error.
func sharesFileError(f FileResult, t TestResult) bool {
	return f.Error != nil && t.Status == Failed && len(t.Errors) > 0 && sameFailure(t.Errors[0], *f.Error)
}

// noReasonMessage is the error of a failed file that neither has an error of its own nor a
// failed test, which the engine never produces but a FileResult built by hand may be.
const noReasonMessage = "the file failed, but no test in it failed and it reported no error"

// fileFailure returns the failed test that stands for a file's own failure when none of its
// tests carries it, named after the file, so that reports that list tests lose nothing: when
// the file has an error that no test shares, that error; when it failed with neither an error
// nor a failed test, a note saying so, matching the failed test the Aggregator counts for it.
// It returns false when the file's tests already tell the whole story.
func fileFailure(f FileResult) (TestResult, bool) {
	if f.Status != Failed {
		return TestResult{}, false
	}
	anyFailed := false
	for _, t := range f.Tests {
		if sharesFileError(f, t) {
			return TestResult{}, false
		}
		anyFailed = anyFailed || t.Status == Failed
	}
	var fail Failure
	switch {
	case f.Error != nil:
		fail = *f.Error
	case anyFailed:
		return TestResult{}, false
	default:
		fail = Failure{Message: noReasonMessage}
	}
	return TestResult{Name: f.Path, FullName: f.Path, Status: Failed, Errors: []Failure{fail},
		Console: []ConsoleEntry{}}, true
}

// reportedTests returns a file's tests followed by the one fileFailure adds, if any.
func reportedTests(f FileResult) []TestResult {
	t, ok := fileFailure(f)
	if !ok {
		return f.Tests
	}
	return append(append([]TestResult(nil), f.Tests...), t)
}

// sortedByPath returns files sorted by the path that path gives, keeping the order of equal
// paths; the reports written at the end use it so that they do not depend on which file
// finished first.
func sortedByPath[F any](files []F, path func(F) string) []F {
	out := slices.Clone(files)
	slices.SortStableFunc(out, func(a, b F) int { return cmp.Compare(path(a), path(b)) })
	return out
}
