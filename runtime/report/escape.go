package report

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// EscapeControls returns s with what must not reach a terminal raw written as escapes: control
// characters (C0 but tab, DEL, C1) as \r, \x1b, \u0085…, and bytes that are not UTF-8 as \xff.
// A source line or a file name holding an escape sequence could otherwise recolor, move the
// cursor or retitle the terminal of whoever reads the report.
func EscapeControls(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		b.WriteString(escapeRune(r, s[i:i+size]))
		i += size
	}
	return b.String()
}

func needsEscape(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if escapeRune(r, s[i:i+size]) != s[i:i+size] {
			return true
		}
		i += size
	}
	return false
}

// escapeRune is how the rune r, spelled raw in s, is shown.
func escapeRune(r rune, raw string) string {
	switch {
	case r == utf8.RuneError && len(raw) == 1:
		return fmt.Sprintf(`\x%02x`, raw[0])
	case r == '\t':
		return raw
	case r == '\r':
		return `\r`
	case r == '\n':
		return `\n`
	case r < 0x20 || r == 0x7f:
		return fmt.Sprintf(`\x%02x`, r)
	case r >= 0x80 && r < 0xa0:
		return fmt.Sprintf(`\u%04x`, r)
	}
	return raw
}
