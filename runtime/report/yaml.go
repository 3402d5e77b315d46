package report

import (
	"fmt"
	"strings"
)

// The TAP reporter's diagnostics are YAML. Only what it needs is written here: strings, numbers,
// maps and lists, at a given indentation. Strings are written so that any text round-trips: a
// literal block ("|-") when the text reads well as one, and a double-quoted scalar with escapes
// otherwise.

// yamlString returns the YAML for s as the value of a "key: " whose key is at indent spaces:
// either a double-quoted scalar on the same line or "|-" and a literal block indented two spaces
// further. Every line of a block, empty ones too, starts with the indentation, because TAP
// parsers end the diagnostics at the first line that is not indented.
func yamlString(s string, indent int) string {
	s = validUTF8(s)
	if !yamlBlockSafe(s) {
		return yamlQuoted(s)
	}
	pad := strings.Repeat(" ", indent+2)
	var b strings.Builder
	b.WriteString("|-")
	for _, l := range strings.Split(s, "\n") {
		b.WriteString("\n" + pad + l)
	}
	return b.String()
}

// yamlBlockSafe reports whether s can be a "|-" literal block and read back unchanged: it has
// more than one line, does not end in a line break (the "-" strips those), its first line does
// not start with blanks (they would set the block's indentation), no line is a document marker,
// and every character is one YAML lets a block hold.
func yamlBlockSafe(s string) bool {
	if !strings.Contains(s, "\n") || strings.HasSuffix(s, "\n") || s[0] == ' ' || s[0] == '\t' || s[0] == '\n' {
		return false
	}
	for _, l := range strings.Split(s, "\n") {
		if t := strings.TrimSpace(l); t == "---" || t == "..." {
			return false
		}
	}
	for _, r := range s {
		if r != '\n' && !yamlPrintable(r) {
			return false
		}
	}
	return true
}

// yamlPrintable reports whether YAML lets r stand for itself in a scalar.
func yamlPrintable(r rune) bool {
	switch {
	case r == '\t':
		return true
	case r < 0x20, r == 0x7F:
		return false
	case r < 0x80:
		return true
	case r == 0x85:
		return true
	case r < 0xA0:
		return false
	case r == 0xFEFF: // the byte order mark
		return false
	case r <= 0xD7FF:
		return true
	case r >= 0xE000 && r <= 0xFFFD:
		return true
	}
	return r >= 0x10000 && r <= 0x10FFFF
}

// yamlQuoted returns s as a double-quoted YAML scalar, escaping what YAML does not let stand
// for itself.
func yamlQuoted(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case yamlPrintable(r):
			b.WriteRune(r)
		case r <= 0xFF:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r <= 0xFFFF:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			fmt.Fprintf(&b, `\U%08x`, r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
