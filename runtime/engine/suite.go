package engine

import (
	"context"
	"fmt"
	"time"

	"github.com/wsrun/wsrun/jsapi/wsrun"
	"github.com/wsrun/wsrun/runtime/report"
)

// selectTests marks the tests that grep and .only select. It returns false when no test of
// the file is selected.
func (f *fileRun) selectTests() bool {
	o := f.r.opts
	f.r.declaredTests.Add(int64(len(f.reg.Root.Tests())))
	f.r.declaredFiles.Add(1)
	if f.reg.HasOnly {
		f.r.onlyFound.Store(true)
	}
	if f.r.onlyRun && !f.reg.HasOnly {
		f.r.leftOut.add(f.file, len(f.reg.Root.Tests()))
		return false
	}
	any := false
	for _, t := range f.reg.Root.Tests() {
		name := t.FullName()
		t.Selected = (o.Grep == nil || o.Grep.MatchString(name)) &&
			(o.GrepInvert == nil || !o.GrepInvert.MatchString(name)) &&
			(o.Select == nil || o.Select(f.file.display, name))
		any = any || t.Selected
	}
	return any
}

// forbidOnlyInCI fails a file that declares test.only or describe.only when CI is set (as
// snapshots read it, from process.env), as Vitest does by default: a .only committed by
// mistake would leave out the rest of the file and every file without one, and the run pass
// without them. The focused tests still run.
func (f *fileRun) forbidOnlyInCI() {
	if !f.reg.HasOnly || !isCI(f.r.opts.Env["CI"]) {
		return
	}
	fail := report.Failure{Message: "test.only or describe.only while CI is set: it leaves out the other tests of this file " +
		"and every file without a .only, so the run could pass without them. Remove the .only; to focus on purpose " +
		"in CI, run with -e CI= (which also lets missing snapshots be written)."}
	for _, t := range f.reg.Root.Tests() {
		if p := onlyPos(t); t.InOnly() && p.File != "" {
			fail.Location = &report.Location{File: displayName(p.File), Line: p.Line, Column: p.Col}
			f.addCodeFrame(&fail)
			break
		}
	}
	f.fileError(fail)
}

// onlyPos is where the .only that focuses t was written: its own, or its nearest describe's.
func onlyPos(t *wsrun.Test) wsrun.Pos {
	if t.Mode == wsrun.Only {
		return t.Pos
	}
	for s := t.Parent; s != nil; s = s.Parent {
		if s.Mode == wsrun.Only {
			return s.Pos
		}
	}
	return t.Pos
}

// runnable reports whether a test will actually execute (selected, not skipped or todo, and
// inside .only when the file uses it).
func (f *fileRun) runnable(t *wsrun.Test) bool {
	return t.Selected && t.Mode != wsrun.Todo && !t.Skipped() && (!f.reg.HasOnly || t.InOnly())
}

func (f *fileRun) hasRunnable(s *wsrun.Suite) bool {
	for _, t := range s.Tests() {
		if f.runnable(t) {
			return true
		}
	}
	return false
}

// runSuite runs a describe block: its beforeAll hooks, its children in order, its afterAll
// hooks. What beforeAll opened lives until afterAll is done.
func (f *fileRun) runSuite(s *wsrun.Suite) {
	if !f.hasRunnable(s) {
		for _, t := range s.Tests() {
			f.notRun(t, "")
		}
		return
	}
	f.loop.PushScope()
	defer f.loop.PopScope()
	started := !f.stopped() // afterAll hooks run only where beforeAll hooks could
	var setupFail *report.Failure
	for _, h := range s.BeforeAll {
		if fail := f.runHook(h, s); fail != nil {
			setupFail = fail
			break
		}
	}
	for _, c := range s.Children {
		switch c := c.(type) {
		case *wsrun.Test:
			if setupFail != nil && f.runnable(c) {
				f.failWith(c, *setupFail)
				continue
			}
			f.runTestWithRetries(c)
		case *wsrun.Suite:
			if setupFail != nil {
				for _, t := range c.Tests() {
					if f.runnable(t) {
						f.failWith(t, *setupFail)
					} else {
						f.notRun(t, "") // skipped and todo tests are counted as they are elsewhere
					}
				}
				continue
			}
			f.runSuite(c)
		}
	}
	for _, h := range s.AfterAll {
		if !started {
			break
		}
		if fail := f.runHook(h, s); fail != nil {
			f.fileError(*fail)
		}
	}
}

// runHook runs a beforeAll/afterAll hook, with console output going to the next test. An
// afterAll hook still runs after the run was interrupted, within the hooks' grace period.
func (f *fileRun) runHook(h wsrun.Hook, s *wsrun.Suite) *report.Failure {
	f.cleaning = h.Kind == "afterAll"
	if f.cleaning && (f.broken != "" || f.hookParent().Err() != nil) || !f.cleaning && f.stopped() {
		f.cleaning = false
		return nil
	}
	f.console = &f.orphan
	f.soft = nil
	fail := f.withSoft(f.call(h.Fn, nil, h.Done, f.callTimeout(h.Timeout), h.Kind, h.Pos))
	f.cleaning = false
	if fail != nil {
		fail.Message = fmt.Sprintf("%s hook failed%s:\n%s", h.Kind, suiteName(s), fail.Message)
	}
	return fail
}

func suiteName(s *wsrun.Suite) string {
	if s.Parent == nil {
		return ""
	}
	return fmt.Sprintf(" (in describe %q)", s.Name)
}

// callTimeout is the timeout of one test or hook call: its own (the last argument of
// test() or of a hook), else the run's default.
func (f *fileRun) callTimeout(d time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return f.r.opts.timeout()
}

// stopped reports whether no more tests may start in this file: the VM is broken (see
// fileRun.broken), the run was interrupted, or --bail was reached. Cleanup hooks of what
// started may still run (see hookParent).
func (f *fileRun) stopped() bool {
	return f.broken != "" || f.ctx.Err() != nil || f.r.bailed()
}

// hookParent is the context a test or hook runs under: the file's, except for afterEach and
// afterAll hooks, which run under runner.cleanup so that they still get HookGrace after the
// run was interrupted.
func (f *fileRun) hookParent() context.Context {
	if f.cleaning && f.r.cleanup != nil {
		return f.r.cleanup
	}
	return f.ctx
}

// notRun records a declared test that did not execute: skipped or todo, or left out by a
// stopped file, with reason saying why (--bail, --max-memory) when it is not the test's own
// mode. Tests that grep deselected are not recorded at all.
func (f *fileRun) notRun(t *wsrun.Test, reason string) {
	if !t.Selected {
		return
	}
	status := report.Skipped
	if t.Mode == wsrun.Todo {
		status = report.Todo
	}
	f.result.Tests = append(f.result.Tests, report.TestResult{
		Name: t.Name, FullName: t.FullName(), Status: status, Reason: reason, Console: []report.ConsoleEntry{},
	})
}

func (f *fileRun) failWith(t *wsrun.Test, fail report.Failure) {
	f.r.failures.Add(1)
	f.result.Tests = append(f.result.Tests, report.TestResult{
		Name: t.Name, FullName: t.FullName(), Status: report.Failed,
		Errors: []report.Failure{fail}, Console: f.takeOrphan(),
	})
}
