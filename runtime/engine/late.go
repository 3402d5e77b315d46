package engine

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/wsrun"
	"github.com/wsrun/wsrun/runtime/eventloop"
	"github.com/wsrun/wsrun/runtime/report"
)

// Late errors: what a test leaves behind can fail after it ended. Its own timers, connections
// and servers are closed when it ends (Loop.PopScope), but a handler it put on a connection
// that outlives it (one opened by beforeAll or by a server the file's top level started), a
// promise such a handler settles, or its done callback, can still run while a later test or
// a hook runs. Such an error is never dropped: during a test it fails that test, as in Jest,
// with a note naming the test it came from; during a hook it fails the file, as an afterAll
// hook's failure does. The test it came from is the one whose code threw, found from the
// error's location: the code from a test's declaration up to the next declaration of the
// file is taken as that test's. A task of a source the running test reserved is its own,
// wherever its code is (ownTask).

// phase says what is running now, for a late error that surfaces during it.
type phase struct {
	inTest bool   // the test's own function (not one of its hooks)
	where  string // "while test \"c\" was running"
}

// phaseOf describes a call of call().
func (f *fileRun) phaseOf(what string) phase {
	name := ""
	if f.running != nil {
		name = f.running.FullName()
	}
	switch what {
	case "test":
		return phase{inTest: true, where: fmt.Sprintf("while test %q was running", name)}
	case "beforeEach hook", "afterEach hook":
		return phase{where: fmt.Sprintf("while %s %s of test %q was running", article(what), what, name)}
	}
	return phase{where: fmt.Sprintf("while %s %s hook was running", article(what), what)}
}

// decl is where a test or hook of the file is declared; test is nil for a hook.
type decl struct {
	pos  wsrun.Pos
	test *wsrun.Test
}

func (f *fileRun) declarations() []decl {
	if f.decls != nil {
		return f.decls
	}
	var walk func(s *wsrun.Suite)
	walk = func(s *wsrun.Suite) {
		for _, hooks := range [][]wsrun.Hook{s.BeforeAll, s.AfterAll, s.BeforeEach, s.AfterEach} {
			for _, h := range hooks {
				f.decls = append(f.decls, decl{pos: h.Pos})
			}
		}
		for _, c := range s.Children {
			switch c := c.(type) {
			case *wsrun.Test:
				f.decls = append(f.decls, decl{pos: c.Pos, test: c})
			case *wsrun.Suite:
				walk(c)
			}
		}
	}
	walk(f.reg.Root)
	slices.SortStableFunc(f.decls, func(a, b decl) int { return comparePos(a.pos, b.pos) })
	if f.decls == nil {
		f.decls = []decl{}
	}
	return f.decls
}

func comparePos(a, b wsrun.Pos) int {
	return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
}

// lateOrigin returns the earlier test that an error thrown at loc came from: the last test
// that ran whose code holds loc, when that is not the test running now (or retried). It
// returns nil for code outside every test (a hook, a helper in another file).
func (f *fileRun) lateOrigin(loc *report.Location) *wsrun.Test {
	if loc == nil || f.reg == nil || len(f.ran) == 0 {
		return nil
	}
	var owner *decl
	for i, d := range f.declarations() {
		if displayName(d.pos.File) != loc.File {
			continue
		}
		if comparePos(d.pos, wsrun.Pos{File: d.pos.File, Line: loc.Line, Col: loc.Column}) > 0 {
			break
		}
		owner = &f.decls[i]
	}
	if owner == nil || owner.test == nil {
		return nil
	}
	if f.running != nil && f.running.Pos == owner.test.Pos {
		return nil // the running test's own code (a row of the same test.each too)
	}
	for i := len(f.ran) - 1; i >= 0; i-- {
		if f.ran[i].Pos == owner.test.Pos {
			return f.ran[i]
		}
	}
	return nil
}

// lateNote is the first line of a late error's message.
func lateNote(origin *wsrun.Test, where string) string {
	p := origin.Pos
	return fmt.Sprintf("Error from an earlier test: a callback or promise left behind by test %q (%s:%d:%d%s) "+
		"threw after that test had ended, %s. Await what a test starts, and remove the handlers it adds "+
		"to longer-lived connections (off()) before it ends.\n", origin.FullName(), displayName(p.File), p.Line, p.Col, eachNote(origin), where)
}

// maxLate bounds the late errors kept for one test, and for the file: a handler left behind
// that throws at every message of a flood must not grow a report without end. Those past it
// are counted (lateSummary).
const maxLate = 10

// late records fail, which surfaced after the test or hook that caused it had ended, during
// ph: into the running test's failures when ph is its function, else as a file error.
func (f *fileRun) late(fail report.Failure, ph phase) {
	switch {
	case ph.inTest && len(f.lateInTest) < maxLate:
		f.lateInTest = append(f.lateInTest, fail)
	case ph.inTest:
		f.lateInTestMore++
	case f.lateFile < maxLate:
		f.lateFile++
		f.fileError(fail)
	default:
		f.lateFileMore++
	}
}

// lateSummary is the failure that counts the late errors past maxLate, or nil.
func lateSummary(more int) *report.Failure {
	if more == 0 {
		return nil
	}
	return &report.Failure{Message: fmt.Sprintf("Error from an earlier test: %d more errors from callbacks or promises "+
		"that earlier tests left behind (only the first %d are shown)", more, maxLate)}
}

// lateRunError reports whether err, which ended a Run of a test or hook, was thrown by a
// callback or promise an earlier test left behind; if so it records it (see late). Else it
// returns err's failure when it described it, so that script code (getters) runs only once.
func (f *fileRun) lateRunError(err error) (own *report.Failure, late bool) {
	switch err.(type) {
	case *goja.Exception, *eventloop.UnhandledRejection, *eventloop.JSError:
	default: // a timeout, an interrupt, a Go panic: the running call's own end
		return nil, false
	}
	fail := f.failureOf(err)
	if f.ownTask(f.loop.TaskScope()) {
		return &fail, false
	}
	origin := f.lateOrigin(fail.Location)
	if origin == nil {
		return &fail, false
	}
	fail.Message = lateNote(origin, f.phase.where) + fail.Message
	f.late(fail, f.phase)
	return nil, true
}

// ownTask reports whether a task of a source in scope is the running call's own: the call's
// function itself (nil), or a source the running test or its beforeEach hooks reserved, which
// no earlier test can have left behind whatever its code's location says.
func (f *fileRun) ownTask(scope *eventloop.Scope) bool {
	return scope == nil || f.running != nil && scope == f.testScope
}

// softFail is an expect.soft failure, what was running when it was recorded and the scope of
// the task that recorded it (see ownTask).
type softFail struct {
	v     goja.Value
	phase phase
	scope *eventloop.Scope
}

// lateDone records a done callback called after its test or hook ended: again after it
// already called it, or with an error after it failed another way (a timeout).
func (f *fileRun) lateDone(self *wsrun.Test, what string, decl wsrun.Pos, arg goja.Value) {
	who := fmt.Sprintf("%s %s (%s:%d:%d)", article(what), what, displayName(decl.File), decl.Line, decl.Col)
	if self != nil && what == "test" {
		who = fmt.Sprintf("test %q (%s:%d:%d)", self.FullName(), displayName(decl.File), decl.Line, decl.Col)
	}
	fail := report.Failure{Message: fmt.Sprintf("Error from an earlier test: %s called done() after it had ended, %s", who, f.phase.where)}
	if arg != nil {
		passed := f.failureOfValue(arg)
		fail.Message += "; it passed:\n" + passed.Message
		fail.Stack, fail.Location = passed.Stack, passed.Location
		f.addCodeFrame(&fail)
	}
	f.late(fail, f.phase)
}

// article is "an" before afterAll and afterEach, else "a".
func article(word string) string {
	if strings.HasPrefix(word, "a") {
		return "an"
	}
	return "a"
}

// eachNote hedges the name of a test declared by test.each: the code of its rows is one.
func eachNote(t *wsrun.Test) string {
	if len(t.Args) == 0 {
		return ""
	}
	return ", or another row of its test.each"
}
