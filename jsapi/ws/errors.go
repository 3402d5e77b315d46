package ws

import (
	"fmt"
	"strings"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/wsrun"
)

// callSite is where the script called a method, captured at the call so an error raised
// later, when a wait times out, points at the line that awaited it. It may start with frames
// of wsrun's own scripts (an embedded module calling an inbox's expect): deep enough to reach
// the user's frames past them, which is where messages and the engine point (their file
// names start with wsrun.InternalPrefix, and are skipped when used, not here: a position
// costs a source map lookup).
type callSite []goja.StackFrame

// maxStackFrames is how many of the user's frames an error's stack shows.
const maxStackFrames = 8

func (m *Module) callSite() callSite {
	return m.vm.CaptureCallStack(16, nil)
}

// newError makes an Error with msg whose stack is the captured call site. name is
// "AssertionError" for failed expectations (shown without a prefix) or "Error".
func (m *Module) newError(name, msg string, site callSite) *goja.Object {
	e := m.loop.NewError(msg)
	_ = e.Set("name", name)
	var b strings.Builder
	b.WriteString(name + ": " + msg)
	shown := 0
	for _, f := range site {
		pos := f.Position()
		if pos.Filename == "" || strings.HasPrefix(pos.Filename, wsrun.InternalPrefix) {
			continue
		}
		if shown++; shown > maxStackFrames {
			break
		}
		fn := f.FuncName()
		if fn == "" {
			fmt.Fprintf(&b, "\n\tat %s:%d:%d", pos.Filename, pos.Line, pos.Column)
		} else {
			fmt.Fprintf(&b, "\n\tat %s (%s:%d:%d)", fn, pos.Filename, pos.Line, pos.Column)
		}
	}
	_ = e.DefineDataProperty("stack", m.vm.ToValue(b.String()), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	return e
}

// describe renders a matcher for messages: "any message", a string in quotes, /re/, an object.
func (m *Module) describe(pattern goja.Value) string {
	if pattern == nil || goja.IsUndefined(pattern) {
		return "any message"
	}
	if obj, ok := pattern.(*goja.Object); ok {
		if _, isFn := goja.AssertFunction(obj); isFn && !m.opts.Matcher.IsAsymmetric(obj) {
			name := obj.Get("name").String()
			if name == "" {
				name = "(anonymous)"
			}
			return "a message for which function " + name + " returns true"
		}
	}
	return m.opts.Matcher.Format(pattern)
}

// maxListed is how many unconsumed messages a timeout message lists.
const maxListed = 5

// shorten cuts long text for messages and transcripts, keeping the start.
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && cut < len(s) && s[cut]&0xC0 == 0x80 { // don't split a UTF-8 sequence
		cut--
	}
	return fmt.Sprintf("%s… (%d bytes)", s[:cut], len(s))
}
