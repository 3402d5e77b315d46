package report

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func runTAP(t *testing.T, files []FileResult, interrupted bool) string {
	t.Helper()
	return runReporter(t, func(w *bytes.Buffer) Reporter { return NewTAP(w) }, files, interrupted)
}

// testPointRE matches a TAP test point and captures ok, the number and the directive.
var testPointRE = regexp.MustCompile(`^(ok|not ok) (\d+) - .*?(?: # (SKIP|TODO))?$`)

// TestTAPStructure checks the document's shape line by line, as a TAP consumer reads it: the
// version first, numbered test points, diagnostics only under failed points and indented by
// two spaces throughout, comments, and the plan last and matching.
func TestTAPStructure(t *testing.T) {
	for _, files := range [][]FileResult{machineFiles(), {hostileFile()}} {
		out := runTAP(t, files, false)
		ls := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if ls[0] != "TAP version 14" {
			t.Fatalf("first line %q", ls[0])
		}
		n, inYAML, failed := 0, false, false
		counts := map[string]int{}
		for _, l := range ls[1 : len(ls)-1] {
			switch {
			case inYAML:
				if l == "  ..." {
					inYAML = false
				} else if !strings.HasPrefix(l, "  ") {
					t.Errorf("diagnostics line not indented by two spaces: %q", l)
				}
			case l == "  ---":
				if !failed {
					t.Errorf("diagnostics under a test point that did not fail")
				}
				inYAML = true
			case strings.HasPrefix(l, "# "):
			default:
				m := testPointRE.FindStringSubmatch(l)
				if m == nil {
					t.Fatalf("not a test point: %q", l)
				}
				n++
				if m[2] != strconv.Itoa(n) {
					t.Errorf("test point %s, want %d", m[2], n)
				}
				failed = m[1] == "not ok"
				counts[m[1]+m[3]]++
			}
		}
		if inYAML {
			t.Error("diagnostics not closed")
		}
		if plan := ls[len(ls)-1]; plan != "1.."+strconv.Itoa(n) {
			t.Errorf("plan %q, want 1..%d", plan, n)
		}
		if len(files) > 1 {
			want := map[string]int{"ok": 4, "not ok": 6, "okSKIP": 2, "okTODO": 1}
			for k, v := range want {
				if counts[k] != v {
					t.Errorf("%d test points %q, want %d (all: %v)", counts[k], k, v, counts)
				}
			}
		}
	}
}

func TestTAPInterrupted(t *testing.T) {
	out := runTAP(t, []FileResult{authFile()}, true)
	if !strings.HasSuffix(out, "\nBail out! Interrupted: the run was stopped before it finished\n") {
		t.Errorf("an interrupted run does not end in Bail out!:\n%s", out)
	}
	if strings.Contains(out, "\n1..") {
		t.Errorf("an interrupted run has a plan:\n%s", out)
	}
}

func TestTAPDescription(t *testing.T) {
	tests := []struct {
		name string
		t    TestResult
		want string
	}{
		{"plain", TestResult{FullName: "a › b"}, "f.js › a › b"},
		{"named after the file", TestResult{FullName: "f.js"}, "f.js"},
		{"hash and backslash", TestResult{FullName: `# TODO \ not`}, `f.js › \# TODO \\ not`},
		{"line breaks", TestResult{FullName: "a\nb\r\nc\rd"}, `f.js › a⏎b⏎c\\x0dd`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tapDescription("f.js", tt.t); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestYAMLString(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"one line is quoted", `say "hi"`, `"say \"hi\""`},
		{"empty", "", `""`},
		{"lines make a block", "a\n\n  b", "|-\n    a\n    \n      b"},
		{"trailing line break is quoted", "a\nb\n", `"a\nb\n"`},
		{"leading blank is quoted", " a\nb", `" a\nb"`},
		{"document markers are quoted", "a\n...\nb", `"a\n...\nb"`},
		{"control characters are quoted", "a\x00\x1b\nb\r", `"a\x00\x1b\nb\r"`},
		{"non-characters are escaped", "\uFFFE\uFEFF\U0010FFFF😀\u0085", `"\ufffe\ufeff` + "\U0010FFFF😀\u0085" + `"`},
		{"invalid UTF-8", "a\xff\xfe", `"a` + "\uFFFD\uFFFD" + `"`},
		{"C1 controls", "a\u009b", `"a\x9b"`},
		{"backslash", `a\b`, `"a\\b"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := yamlString(tt.in, 2); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
