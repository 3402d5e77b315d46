package engine

import (
	"time"

	"github.com/wsrun/wsrun/jsapi/wsrun"
	"github.com/wsrun/wsrun/runtime/report"
)

// runTestWithRetries runs a test, again after a failure while retries are left. A pass after a
// failure is flaky.
func (f *fileRun) runTestWithRetries(t *wsrun.Test) {
	if !f.runnable(t) {
		f.notRun(t, "")
		return
	}
	if f.broken != "" {
		f.notRun(t, f.brokenReason)
		return
	}
	if f.ctx.Err() != nil {
		return
	}
	if f.r.bailed() {
		f.notRun(t, f.r.bailReason())
		return
	}
	retries := f.r.opts.Retries
	if t.Retries >= 0 {
		retries = t.Retries
	}
	var res report.TestResult
	var late []report.Failure // late errors (late.go) of the attempts before the last
	for attempt := 0; ; attempt++ {
		res = f.runTest(t, attempt)
		res.Retries = attempt
		if res.Status == report.Passed || attempt >= retries || f.stopped() {
			res.Flaky = res.Status == report.Passed && attempt > 0
			break
		}
		late = append(late, f.lastLate...)
	}
	for _, fail := range late {
		// Another test's error, which a retry of this one must not make vanish: the file
		// fails with it, as when it surfaces during a hook (late.go).
		f.fileError(fail)
	}
	f.snaps.commit() // the snapshots of the last attempt count; a retry drops the earlier ones
	if res.Status == report.Failed {
		f.r.failures.Add(1)
	}
	f.result.Tests = append(f.result.Tests, res)
}

// runTest runs beforeEach hooks outermost first, the test, then afterEach hooks innermost
// first; afterEach runs even when something before it failed. Then everything the test and
// its hooks opened is closed.
func (f *fileRun) runTest(t *wsrun.Test, attempt int) report.TestResult {
	start := time.Now()
	res := report.TestResult{Name: t.Name, FullName: t.FullName(), Status: report.Passed}
	f.trans.begin(start, res.FullName, attempt)
	f.r.mem.at(f, res.FullName)
	defer f.r.mem.at(f, "")
	var console report.ConsoleLog
	for _, e := range f.takeOrphan() {
		console.Add(e.Level, e.Text)
	}
	f.console = &console
	f.soft = nil
	f.expect.BeginTest()
	f.expect.SetTestName(res.FullName)
	f.snaps.begin()
	f.loop.PushScope()
	f.running, f.testScope = t, f.loop.Scope()
	f.ran = append(f.ran, t)
	f.lateInTest, f.lateInTestMore = nil, 0
	defer func() { f.running, f.testScope = nil, nil }()

	var fails []report.Failure
	chain := suites(t.Parent)
	ok := true
	for _, s := range chain {
		for _, h := range s.BeforeEach {
			if ok {
				if fail := f.call(h.Fn, nil, h.Done, f.callTimeout(h.Timeout), "beforeEach hook", h.Pos); fail != nil {
					fail.Message = "beforeEach hook failed:\n" + fail.Message
					fails = append(fails, *fail)
					ok = false
				}
			}
		}
	}
	if ok {
		timeout := f.callTimeout(t.Timeout)
		if fail := f.call(t.Fn, t.Args, t.Done, timeout, "test", t.Pos); fail != nil {
			fails = append(fails, *fail)
		} else if v := f.expect.EndTest(); v != nil {
			fails = append(fails, f.failureOfValue(v))
		}
	}
	fails = append(fails, f.takeSoft()...)
	if fail := lateSummary(f.lateInTestMore); fail != nil {
		f.lateInTest = append(f.lateInTest, *fail)
	}
	f.lastLate = f.lateInTest
	fails = append(fails, f.lateInTest...)
	f.lateInTest, f.lateInTestMore = nil, 0
	for i := len(chain) - 1; i >= 0; i-- {
		for _, h := range chain[i].AfterEach {
			f.cleaning = true
			if f.broken != "" || f.hookParent().Err() != nil {
				break
			}
			if fail := f.call(h.Fn, nil, h.Done, f.callTimeout(h.Timeout), "afterEach hook", h.Pos); fail != nil {
				fail.Message = "afterEach hook failed:\n" + fail.Message
				fails = append(fails, *fail)
			}
		}
	}
	f.cleaning = false
	fails = append(fails, f.takeSoft()...) // from the afterEach hooks
	f.loop.PopScope()
	f.expect.SetTestName("")
	f.console = &f.orphan
	res.Console = console.Take()
	transcripts, timeline := f.trans.end()
	res.Timeline = timeline
	if len(fails) > 0 {
		res.Status = report.Failed
		res.Errors = fails
		res.Transcripts = transcripts
	}
	res.Duration = time.Since(start)
	return res
}

// suites returns s and its ancestors, outermost first.
func suites(s *wsrun.Suite) []*wsrun.Suite {
	var out []*wsrun.Suite
	for ; s != nil; s = s.Parent {
		out = append([]*wsrun.Suite{s}, out...)
	}
	return out
}

// takeSoft returns the expect.soft failures recorded since the last call, and forgets them.
// Those that callbacks of an earlier test recorded go where late errors go (late.go).
func (f *fileRun) takeSoft() []report.Failure {
	var fails []report.Failure
	for _, s := range f.soft {
		fail := f.failureOfValue(s.v)
		f.addCodeFrame(&fail)
		if origin := f.lateOrigin(fail.Location); origin != nil && !f.ownTask(s.scope) {
			// From a callback an earlier test left behind: in the test's function it fails
			// the test with a note, elsewhere the file (late.go).
			fail.Message = lateNote(origin, s.phase.where) + fail.Message
			f.late(fail, s.phase)
			continue
		}
		fails = append(fails, fail)
	}
	f.soft = nil
	return fails
}

// withSoft adds the expect.soft failures recorded since the last takeSoft to fail, for a
// hook or a file's top level, whose failure is one message: soft failures there must fail
// as well, not vanish when the next test starts.
func (f *fileRun) withSoft(fail *report.Failure) *report.Failure {
	for _, s := range f.takeSoft() {
		if fail == nil {
			s := s
			fail = &s
			continue
		}
		fail.Message += "\n\n" + s.Message
	}
	return fail
}
