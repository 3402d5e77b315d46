package engine

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/console"
	"github.com/wsrun/wsrun/jsapi/wsrun"
	"github.com/wsrun/wsrun/runtime/eventloop"
	"github.com/wsrun/wsrun/runtime/report"
)

// stackFrameRE matches one line of a goja stack: "at f (file.js:1:21(3))" or "at file.js:3:14(5)".
var stackFrameRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\s*at (?:(.*?) \()?([^()\s]+):(\d+):(\d+)(?:\(\d+\))?\)?\s*$`)
})

// userStackFrame returns the first position in a stack that is in a user's file.
func userStackFrame(stack string) *report.Location {
	for _, line := range strings.Split(stack, "\n") {
		m := stackFrameRE().FindStringSubmatch(line)
		if m == nil || strings.HasPrefix(m[2], wsrun.InternalPrefix) || strings.HasPrefix(m[2], "native") {
			continue
		}
		ln, _ := strconv.Atoi(m[3])
		col, _ := strconv.Atoi(m[4])
		return &report.Location{File: displayName(m[2]), Line: ln, Column: col}
	}
	return nil
}

// cleanStack drops goja's program-counter suffixes and wsrun's internal stack frames.
func cleanStack(stack string) string {
	var out []string
	for _, line := range strings.Split(stack, "\n") {
		m := stackFrameRE().FindStringSubmatch(line)
		if m == nil {
			continue
		}
		if strings.HasPrefix(m[2], wsrun.InternalPrefix) {
			continue
		}
		pos := displayName(m[2]) + ":" + m[3] + ":" + m[4]
		if m[1] != "" {
			out = append(out, "    at "+m[1]+" ("+pos+")")
		} else {
			out = append(out, "    at "+pos)
		}
	}
	return strings.Join(out, "\n")
}

// failureOf turns what a test threw, or rejected with, into a Failure.
// It never uses errors.As or errors.Is through a *goja.Exception: goja's Unwrap runs an
// instanceof on the thrown value, which throws (as a Go panic) for a revoked Proxy.
func (f *fileRun) failureOf(err error) report.Failure {
	f.loop.MustOwn()
	if ex, ok := err.(*goja.Exception); ok {
		fail := f.failureOfValue(ex.Value())
		if fail.Location == nil { // a thrown non-Error has no stack of its own
			fail.Location = siteLocation(ex.Stack())
		}
		f.addCodeFrame(&fail)
		return fail
	}
	var so *goja.StackOverflowError
	if errors.As(err, &so) {
		fail := report.Failure{Message: "RangeError: Maximum call stack size exceeded", Location: siteLocation(so.Stack())}
		f.addCodeFrame(&fail)
		return fail
	}
	var sa *stoppedAt
	if errors.As(err, &sa) {
		fail := report.Failure{Message: sa.Error(), Location: siteLocation(sa.stack)}
		f.addCodeFrame(&fail)
		return fail
	}
	var pe *eventloop.PanicError
	if errors.As(err, &pe) {
		return report.Failure{Message: pe.Error(), Stack: pe.Stack}
	}
	var je *eventloop.JSError
	if errors.As(err, &je) {
		fail := f.failureOfValue(je.Value)
		f.addCodeFrame(&fail)
		return fail
	}
	var ur *eventloop.UnhandledRejection
	if errors.As(err, &ur) {
		fail := f.failureOfValue(ur.Reason)
		fail.Message = "Unhandled promise rejection (a promise failed and nothing awaited or caught it):\n" + fail.Message
		f.addCodeFrame(&fail)
		return fail
	}
	fail := report.Failure{Message: err.Error()}
	f.addCodeFrame(&fail)
	return fail
}

// failureOfValue describes a thrown JS value: an Error by its name, message and stack; anything
// else as Jest does, "thrown: value". It is total: a Proxy (revoked or not), getters or a
// toString that throw, a Symbol or a cyclic object each get a best-effort description, and
// script code it runs on the way (getters) cannot make it fail.
func (f *fileRun) failureOfValue(v goja.Value) report.Failure {
	obj, ok := v.(*goja.Object)
	if !ok || obj.ExportType() == proxyType {
		return report.Failure{Message: "thrown: " + f.describe(v)}
	}
	msg, hasMsg := f.property(obj, "message")
	stack, hasStack := f.property(obj, "stack")
	if !hasMsg || !hasStack {
		return report.Failure{Message: "thrown: " + f.describe(v)}
	}
	name, _ := f.property(obj, "name")
	if name == "" {
		name = "Error"
	}
	fail := report.Failure{Message: msg, Stack: cleanStack(stack), Location: userStackFrame(stack)}
	if name != "AssertionError" {
		fail.Message = name + ": " + msg
	}
	return fail
}

var proxyType = reflect.TypeOf(goja.Proxy{})

// property reads obj[key] as text for a failure message. ok is false when the property is
// missing or undefined. A getter or toString that throws gives a placeholder that says so.
func (f *fileRun) property(obj *goja.Object, key string) (text string, ok bool) {
	var v goja.Value
	if failed, thrown := f.try(func() { v = obj.Get(key) }); failed {
		return fmt.Sprintf("<%s unavailable: getter threw %s>", key, f.brief(thrown)), true
	}
	if v == nil || goja.IsUndefined(v) {
		return "", false
	}
	if failed, _ := f.try(func() { text = v.String() }); failed {
		return fmt.Sprintf("<%s unavailable: %s>", key, f.describe(v)), true
	}
	return text, true
}

// describe formats v as failure messages show values, falling back to console.Brief when
// formatting it throws or panics. A Proxy is not formatted at all: its traps are script code,
// and a revoked one throws at anything.
func (f *fileRun) describe(v goja.Value) (s string) {
	if obj, ok := v.(*goja.Object); ok && obj.ExportType() == proxyType {
		return console.Brief(v)
	}
	if failed, _ := f.try(func() { s = f.format(v) }); failed || s == "" {
		return console.Brief(v)
	}
	return s
}

// brief is console.Brief, plus the message of an Error when reading it runs no script code
// that fails: for what a getter threw while a failure was being described.
func (f *fileRun) brief(v goja.Value) string {
	s := console.Brief(v)
	if obj, ok := v.(*goja.Object); ok && obj.ExportType() != proxyType && obj.ClassName() == "Error" {
		var msg goja.Value
		if failed, _ := f.try(func() { msg = obj.Get("message") }); !failed && msg != nil {
			if text, ok := msg.Export().(string); ok {
				s += " " + strconv.Quote(text)
			}
		}
	}
	return s
}

// describeTimeout bounds script code run to describe a failure (a getter, a toString), which
// runs outside any test's timeout.
const describeTimeout = time.Second

// try runs fn, which may call script code, and returns whether it failed and what it threw.
// A Go panic or an endless getter counts as a failure too: describing a value must never take
// the run down or hang it.
func (f *fileRun) try(fn func()) (failed bool, thrown goja.Value) {
	fired := make(chan struct{})
	alarm := time.AfterFunc(describeTimeout, func() {
		defer close(fired)
		f.vm.Interrupt(errDescribeTimeout)
	})
	defer func() {
		if !alarm.Stop() {
			<-fired
			f.vm.ClearInterrupt()
		}
		if recover() != nil {
			failed, thrown = true, nil
		}
	}()
	if ex := f.vm.Try(fn); ex != nil {
		return true, ex.Value()
	}
	return false, nil
}

var errDescribeTimeout = errors.New("describing a failure took too long")

// addCodeFrame attaches the code frame of the failure's location when its source is known.
func (f *fileRun) addCodeFrame(fail *report.Failure) {
	if fail.Location == nil || fail.CodeFrame != nil {
		return
	}
	fail.CodeFrame = f.sources.codeFrame(*fail.Location, f.r.red)
}
