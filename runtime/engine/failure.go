package engine

import (
	"errors"
	"regexp"
	"strconv"
	"strings"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/runtime/eventloop"
	"github.com/wsrun/wsrun/runtime/report"
)

// internalPrefix marks the file names of wsrun's own embedded JavaScript, and of the glue code
// esbuild adds to a bundle (see internalSource); their stack frames are skipped when locating a
// failure in the user's code.
const internalPrefix = "wsrun:"

// frameRE matches one line of a goja stack: "at f (file.js:1:21(3))" or "at file.js:3:14(5)".
var frameRE = regexp.MustCompile(`^\s*at (?:(.*?) \()?([^()\s]+):(\d+):(\d+)(?:\(\d+\))?\)?\s*$`)

// userFrame returns the first position in a stack that is in a user's file.
func userFrame(stack string) *report.Location {
	for _, line := range strings.Split(stack, "\n") {
		m := frameRE.FindStringSubmatch(line)
		if m == nil || strings.HasPrefix(m[2], internalPrefix) || strings.HasPrefix(m[2], "native") {
			continue
		}
		ln, _ := strconv.Atoi(m[3])
		col, _ := strconv.Atoi(m[4])
		return &report.Location{File: displayName(m[2]), Line: ln, Column: col}
	}
	return nil
}

// cleanStack drops goja's program-counter suffixes and wsrun's internal frames.
func cleanStack(stack string) string {
	var out []string
	for _, line := range strings.Split(stack, "\n") {
		m := frameRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		if strings.HasPrefix(m[2], internalPrefix) {
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

// failureOf turns what a test threw, or rejected with, into a Failure. Loop goroutine only.
func (f *fileRun) failureOf(err error) report.Failure {
	var ex *goja.Exception
	if errors.As(err, &ex) {
		fail := f.failureOfValue(ex.Value())
		if fail.Location == nil { // a thrown non-Error has no stack of its own
			fail.Location = siteLocation(ex.Stack())
		}
		f.addFrame(&fail)
		return fail
	}
	var je *eventloop.JSError
	if errors.As(err, &je) {
		fail := f.failureOfValue(je.Value)
		f.addFrame(&fail)
		return fail
	}
	var ur *unhandled
	if errors.As(err, &ur) {
		fail := f.failureOfValue(ur.reason)
		fail.Message = "Unhandled promise rejection (a promise failed and nothing awaited or caught it):\n" + fail.Message
		f.addFrame(&fail)
		return fail
	}
	fail := report.Failure{Message: err.Error()}
	f.addFrame(&fail)
	return fail
}

// failureOfValue describes a thrown JS value: an Error by its name, message and stack; anything
// else as Jest does, "thrown: value".
func (f *fileRun) failureOfValue(v goja.Value) report.Failure {
	obj, ok := v.(*goja.Object)
	if !ok || obj.Get("message") == nil || obj.Get("stack") == nil {
		return report.Failure{Message: "thrown: " + f.format(v)}
	}
	name := obj.Get("name").String()
	msg := obj.Get("message").String()
	stack := obj.Get("stack").String()
	fail := report.Failure{Message: msg, Stack: cleanStack(stack), Location: userFrame(stack)}
	if name != "AssertionError" {
		fail.Message = name + ": " + msg
	}
	return fail
}

// addFrame attaches the code frame of the failure's location when its source is known.
func (f *fileRun) addFrame(fail *report.Failure) {
	if fail.Location == nil || fail.Frame != nil {
		return
	}
	fail.Frame = f.sources.frame(*fail.Location)
}
