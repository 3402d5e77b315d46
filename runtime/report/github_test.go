package report

import (
	"bytes"
	"strings"
	"testing"
)

func TestGitHubEscaping(t *testing.T) {
	tests := []struct {
		name, in, data, prop string
	}{
		{"plain", "chat › two users talk", "chat › two users talk", "chat › two users talk"},
		{"percent first", "100%0A", "100%250A", "100%250A"},
		{"line breaks", "a\r\nb\nc", "a%0D%0Ab%0Ac", "a%0D%0Ab%0Ac"},
		{"property separators", "a:b,c::d", "a:b,c::d", "a%3Ab%2Cc%3A%3Ad"},
		{"control characters", "a\x1b[31mb\x00", `a\x1b[31mb\x00`, `a\x1b[31mb\x00`},
		{"invalid UTF-8", "a\xff", "a\uFFFD", "a\uFFFD"},
		{"C1 controls", "a\u009b2Jb\u0085", `a\u009b2Jb\u0085`, `a\u009b2Jb\u0085`}, // CSI, NEL: as EscapeControls writes them

	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ghData(tt.in); got != tt.data {
				t.Errorf("ghData = %q, want %q", got, tt.data)
			}
			if got := ghProperty(tt.in); got != tt.prop {
				t.Errorf("ghProperty = %q, want %q", got, tt.prop)
			}
		})
	}
}

// annotations returns the workflow commands in out.
func annotations(out string) []string {
	var cmds []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "::") {
			cmds = append(cmds, l)
		}
	}
	return cmds
}

func TestGitHubAnnotations(t *testing.T) {
	out := runReporter(t, func(w *bytes.Buffer) Reporter {
		return NewGitHub(w, PrettyOptions{Cwd: fixtureCwd, Colors: NewColors(true)})
	}, fixtureFiles(), false)
	// One per error the pretty output shows a block for: two users talk, typing indicator, two
	// for history is kept (a hard and a soft failure), the syntax error once, the failing
	// beforeAll once for both the tests it failed.
	want := []string{
		"::error file=scripts/chat.test.js,line=11,col=13,title=chat › two users talk::expect(received).toEqual(expected) // deep equality%0A%0A- Expected",
		"::error file=lib/steps.js,line=7,col=22,title=chat › presence › typing indicator::TypeError: Cannot read property 'id' of undefined",
		"::error file=scripts/chat.test.js,line=31,col=29,title=chat › history is kept::expect(received).toHaveLength(expected)%0A",
		"::error file=scripts/chat.test.js,line=32,col=37,title=chat › history is kept::expect(received).toBe(expected)",
		`::error file=scripts/broken.test.ts,line=4,col=9,title=scripts/broken.test.ts::SyntaxError: Expected ";" but found "conn"`,
		"::error file=/opt/shared/setup.js,line=3,col=15,title=scripts/rooms.test.js::beforeAll: connect ws://127.0.0.1:4001/rooms",
	}
	got := annotations(out)
	if len(got) != len(want) {
		t.Fatalf("%d annotations, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("annotation %d:\n got %s\nwant %s…", i, got[i], want[i])
		}
		if strings.Contains(got[i], "\x1b") {
			t.Errorf("annotation %d is colored: %q", i, got[i])
		}
	}
	// Without the annotations, the output is the pretty output.
	pretty := runPretty(t, PrettyOptions{Cwd: fixtureCwd, Colors: NewColors(true)}, fixtureFiles(), false)
	var rest []string
	for _, l := range strings.SplitAfter(out, "\n") {
		if !strings.HasPrefix(l, "::") {
			rest = append(rest, l)
		}
	}
	if strings.Join(rest, "") != pretty {
		t.Errorf("the output less its annotations differs from the pretty output")
	}
}

func TestGitHubWithoutLocation(t *testing.T) {
	f := FileResult{Path: "a.test.js", Status: Failed, Tests: []TestResult{
		{Name: "t", FullName: "d › t", Status: Failed, Errors: []Failure{{Message: "boom, 100%"}}},
		{Name: "u", FullName: "u", Status: Failed},
	}}
	out := runReporter(t, func(w *bytes.Buffer) Reporter { return NewGitHub(w, PrettyOptions{}) }, []FileResult{f}, false)
	want := []string{
		"::error title=d › t::boom, 100%25",
		"::error file=a.test.js,title=u::the test failed without an error",
	}
	if got := annotations(out); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
