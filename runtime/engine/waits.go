package engine

import (
	"fmt"
	"strings"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/wsrun"
	"github.com/wsrun/wsrun/runtime/eventloop"
	"github.com/wsrun/wsrun/runtime/report"
)

// assertionSiteDepth is how many stack frames a .resolves/.rejects assertion keeps of where it
// was called: the host call, expect's own few frames, then the user's line.
const assertionSiteDepth = 8

// forgottenWaits ends the waits (expect*, request, ping, ws.connect, expectConnection,
// expect(p).resolves/.rejects) that a test or hook function left pending when it ended; each
// is cancelled, so it cannot reach a later test. When the function had passed, that is a
// failure: its result was never checked, and the test would otherwise pass by mistake. A
// function that failed keeps its own failure, which likely explains why it never got to
// await them. what is "test", "beforeEach hook", "beforeAll", and so on.
func (f *fileRun) forgottenWaits(fail *report.Failure, what string) *report.Failure {
	waits := f.loop.EndWaits()
	if len(waits) == 0 || fail != nil {
		return fail
	}
	if what != "test" && !strings.HasSuffix(what, " hook") {
		what += " hook"
	}
	lines := make([]string, len(waits))
	var loc *report.Location
	for i, w := range waits {
		at := siteLocation(w.Site())
		where := ""
		if at != nil {
			where = fmt.Sprintf(" at %s:%d:%d", at.File, at.Line, at.Column)
			if loc == nil {
				loc = at
			}
		}
		lines[i] = fmt.Sprintf("%s%s was never awaited (still pending when the %s ended); add await", w.Label(), where, what)
	}
	fail = &report.Failure{Message: strings.Join(lines, "\n"), Location: loc}
	f.addCodeFrame(fail)
	return fail
}

// siteLocation is the first stack frame in the user's code, its position already
// in the original source (goja maps it through the bundle's source map).
func siteLocation(stack []goja.StackFrame) *report.Location {
	for _, sf := range stack {
		pos := sf.Position()
		if pos.Filename != "" && !strings.HasPrefix(pos.Filename, wsrun.InternalPrefix) {
			return &report.Location{File: displayName(pos.Filename), Line: pos.Line, Column: pos.Column}
		}
	}
	return nil
}

// assertionWait is a .resolves/.rejects assertion waiting for its promise.
type assertionWait struct {
	label   string
	site    []goja.StackFrame
	pending eventloop.Wait
	ended   bool
}

func (a *assertionWait) WaitLabel() string           { return a.label }
func (a *assertionWait) WaitSite() []goja.StackFrame { return a.site }
func (a *assertionWait) CancelWait()                 { a.ended = true }

// StartWait tracks a .resolves/.rejects assertion for forgottenWaits.
func (s softSink) StartWait(label string) func() bool {
	a := &assertionWait{label: label, site: s.f.vm.CaptureCallStack(assertionSiteDepth, nil)}
	s.f.loop.StartWait(&a.pending, a)
	return func() bool {
		if a.ended {
			return false
		}
		a.pending.Done()
		return true
	}
}
