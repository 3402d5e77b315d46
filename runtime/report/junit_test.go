package report

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/wsrun/wsrun/runtime/report/reporttest"
)

// parseJUnit parses a JUnit document strictly, failing the test when it is not well-formed.
func parseJUnit(t *testing.T, doc string) reporttest.JUnit {
	t.Helper()
	return reporttest.ParseJUnit(t, []byte(doc))
}

func TestJUnitCounts(t *testing.T) {
	doc := runReporter(t, func(w *bytes.Buffer) Reporter { return NewJUnit(w) }, machineFiles(), false)
	d := parseJUnit(t, doc)
	// The fixture's Tests line is "4 passed, 6 failed, 3 skipped": 13 tests, each listed once.
	if d.Tests != 13 || d.Failures != 6 || d.Errors != 0 {
		t.Errorf("testsuites: tests=%d failures=%d errors=%d, want 13, 6, 0", d.Tests, d.Failures, d.Errors)
	}
	type counts struct{ tests, failures, skipped int }
	want := map[string]counts{
		"scripts/auth.test.js":   {4, 0, 1},
		"scripts/chat.test.js":   {6, 3, 2},
		"scripts/broken.test.ts": {1, 1, 0},
		"scripts/rooms.test.js":  {2, 2, 0},
	}
	if len(d.Suites) != len(want) {
		t.Fatalf("%d testsuites, want %d", len(d.Suites), len(want))
	}
	for _, s := range d.Suites {
		got := counts{s.Tests, s.Failures, s.Skipped}
		if got != want[s.Name] || len(s.Cases) != s.Tests {
			t.Errorf("testsuite %s: %+v with %d testcases, want %+v", s.Name, got, len(s.Cases), want[s.Name])
		}
		for _, c := range s.Cases {
			if c.Classname != s.Name {
				t.Errorf("testcase %q: classname %q, want the file's path", c.Name, c.Classname)
			}
		}
	}
}

func TestJUnitFailures(t *testing.T) {
	d := parseJUnit(t, runReporter(t, func(w *bytes.Buffer) Reporter { return NewJUnit(w) }, machineFiles(), false))
	chat := d.Suites[2] // suites are in order of path: auth, broken, chat, rooms
	tests := []struct {
		name, message, typ string
		text               []string
	}{
		{"chat › two users talk", "expect(received).toEqual(expected) // deep equality", "AssertionError",
			[]string{"-   \"a\": 1,", "> 11 |   expect(m).toEqual({ a: 1 });", "at scripts/chat.test.js:11:13"}},
		{"chat › presence › typing indicator", "TypeError: Cannot read property 'id' of undefined", "TypeError",
			[]string{"at whoIsTyping (lib/steps.js:7:22)", "at scripts/chat.test.js:24:9"}},
		{"chat › history is kept", "expect(received).toHaveLength(expected)", "AssertionError",
			[]string{"Expected length: 3", "Expected: \"b\"", "at scripts/chat.test.js:31:29", "at scripts/chat.test.js:32:37"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, c := range chat.Cases {
				if c.Name != tt.name {
					continue
				}
				if c.Failure == nil {
					t.Fatal("no <failure>")
				}
				if c.Failure.Message != tt.message || c.Failure.Type != tt.typ {
					t.Errorf("failure message=%q type=%q, want %q, %q", c.Failure.Message, c.Failure.Type, tt.message, tt.typ)
				}
				for _, s := range tt.text {
					if !strings.Contains(c.Failure.Text, s) {
						t.Errorf("failure text lacks %q:\n%s", s, c.Failure.Text)
					}
				}
				return
			}
			t.Fatal("no such testcase")
		})
	}
	// The syntax error is the failure of the test named after the file, once; what the file
	// printed while loading is in that test's output.
	broken := d.Suites[1]
	if len(broken.Cases) != 1 || broken.Cases[0].Failure == nil ||
		!strings.Contains(broken.Cases[0].Failure.Message, "SyntaxError") ||
		!strings.Contains(broken.Cases[0].SystemOut, "loading config") {
		t.Errorf("the file that does not compile is not one failed testcase with its console: %+v", broken.Cases)
	}
}

func TestJUnitSkippedAndOutput(t *testing.T) {
	d := parseJUnit(t, runReporter(t, func(w *bytes.Buffer) Reporter { return NewJUnit(w) }, machineFiles(), false))
	auth, chat := d.Suites[0].Cases, d.Suites[2].Cases
	if c := auth[3]; c.Skipped == nil || c.Skipped.Text != "" {
		t.Errorf("skipped test: %+v, want an empty <skipped/>", c)
	}
	if c := chat[5]; c.Name != "chat › idea" || c.Skipped == nil || c.Skipped.Text != "todo" {
		t.Errorf("todo test: %+v, want <skipped>todo</skipped>", c)
	}
	if c := auth[2]; !strings.Contains(c.SystemOut, "flaky: passed on retry 1") {
		t.Errorf("flaky test's system-out %q lacks the flaky note", c.SystemOut)
	}
	out := chat[1].SystemOut
	for _, s := range []string{"Transcript (alice, last 4 frames):", `+0.010s ← alice  {"type":"hi"}`, "warn  careful"} {
		if !strings.Contains(out, s) {
			t.Errorf("system-out lacks %q:\n%s", s, out)
		}
	}
	if auth[0].SystemOut != "Console:\n  log   token ok\n" {
		t.Errorf("passing test's system-out = %q, want its console", auth[0].SystemOut)
	}
}

// TestJUnitHostileBytes checks that whatever a server sent, the document stays well-formed and
// keeps all it can: the CDATA end, quotes and markup as text, a carriage return, invalid UTF-8
// as U+FFFD; NUL, ESC and U+FFFE, which XML cannot hold, dropped.
func TestJUnitHostileBytes(t *testing.T) {
	doc := runReporter(t, func(w *bytes.Buffer) Reporter { return NewJUnit(w) }, []FileResult{hostileFile()}, true)
	if !utf8.ValidString(doc) {
		t.Error("the document is not valid UTF-8")
	}
	for _, bad := range []string{"\x00", "\x1b", "\uFFFE", "]]>"} {
		if strings.Contains(doc, bad) {
			t.Errorf("the document contains %q", bad)
		}
	}
	d := parseJUnit(t, doc)
	c := d.Suites[0].Cases[0]
	// The failure's message attribute is the first line, up to the line feed, with control
	// characters escaped as the pretty output shows them.
	if want := `Error: server said nul\x00 esc\x1b[31m bad` + "\uFFFD\uFFFD" + `utf8 cdata]]> cr\x0d lf`; c.Failure.Message != want {
		t.Errorf("failure message = %q, want %q", c.Failure.Message, want)
	}
	for name, s := range map[string]string{"name": c.Name, "failure text": c.Failure.Text, "system-out": c.SystemOut} {
		for _, want := range []string{"bad\uFFFD\uFFFDutf8", "cdata]]>", "quote\"'", "<b>&amp;", "%0A::x,y"} {
			if !strings.Contains(s, want) {
				t.Errorf("%s lost %q: %q", name, want, s)
			}
		}
	}
	// The name is the test's own, less what XML cannot hold; the texts show control characters
	// escaped, as the pretty output does.
	if !strings.Contains(c.Name, "nul esc[31m") || !strings.Contains(c.Name, "cr\r lf\n") {
		t.Errorf("name %q: NUL and ESC not dropped, or line breaks not kept", c.Name)
	}
	for name, s := range map[string]string{"failure text": c.Failure.Text, "system-out": c.SystemOut} {
		if !strings.Contains(s, `nul\x00 esc\x1b[31m`) || !strings.Contains(s, `cr\x0d lf`) {
			t.Errorf("%s does not show the control characters escaped:\n%s", name, s)
		}
	}
	if !strings.Contains(doc, "<!-- Interrupted: the run was stopped before it finished -->") {
		t.Error("an interrupted run is not marked")
	}
}

func TestWriteXMLText(t *testing.T) {
	tests := []struct {
		name, in, text, attr string
	}{
		{"markup", `<a href="x">&</a>`, `&lt;a href="x">&amp;&lt;/a>`, `&lt;a href=&quot;x&quot;>&amp;&lt;/a>`},
		{"cdata end", "a]]>b]>c]]]>d] ]>", "a]]&gt;b]>c]]]&gt;d] ]>", "a]]&gt;b]>c]]]&gt;d] ]>"},
		{"cdata end across a dropped character", "]]\x00>", "]]&gt;", "]]&gt;"},
		{"whitespace", "a\tb\nc\rd", "a\tb\nc&#13;d", "a&#9;b&#10;c&#13;d"},
		{"controls dropped", "a\x00b\x1bc\x7fd", "ab\x7fcd"[:0] + "abc\x7fd", "abc\x7fd"},
		{"non-characters dropped", "a\uFFFEb\uFFFFc\uFFFDd", "abc\uFFFDd", "abc\uFFFDd"},
		{"invalid UTF-8", "a\xffb\xc3", "a\uFFFDb\uFFFD", "a\uFFFDb\uFFFD"},
		{"astral", "😀", "😀", "😀"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var text strings.Builder
			writeXMLText(&text, tt.in, false)
			if text.String() != tt.text {
				t.Errorf("text: got %q, want %q", text.String(), tt.text)
			}
			if got := xmlAttr(tt.in); got != tt.attr {
				t.Errorf("attr: got %q, want %q", got, tt.attr)
			}
		})
	}
}
