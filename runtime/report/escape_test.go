package report

import "testing"

func TestEscapeControls(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"plain", "tests/chat.test.js", "tests/chat.test.js"},
		{"unicode and tab kept", "a\t›é😀", "a\t›é😀"},
		{"escape sequence", "\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"CR LF NUL BEL DEL", "a\r\n\x00\x07\x7f", `a\r\n\x00\x07\x7f`},
		{"C1 control", "a\u009bb", `a\u009bb`},
		{"bytes that are not UTF-8", "bad\xff\xfe.js", `bad\xff\xfe.js`},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := EscapeControls(c.in); got != c.want {
				t.Errorf("EscapeControls(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestCaretPadCountsEscapes(t *testing.T) {
	code := "x('\x1b', 1)"
	// Column 7 is the "," after the escape; shown, the escape takes 4 columns, not 1.
	if got := caretPad(code, 7); got != "         " {
		t.Errorf("caretPad = %q (%d blanks), want 9", got, len(got))
	}
}
