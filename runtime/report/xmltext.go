package report

import "strings"

// xmlChar reports whether XML 1.0 can hold r at all, escaped or not: tab, line feed, carriage
// return and the ranges #x20–#xD7FF, #xE000–#xFFFD and #x10000–#x10FFFF. NUL, the other C0
// controls (ESC among them), U+FFFE and U+FFFF cannot appear in a document, not even as
// character references.
func xmlChar(r rune) bool {
	switch {
	case r == '\t', r == '\n', r == '\r':
		return true
	case r < 0x20:
		return false
	case r <= 0xD7FF:
		return true
	case r < 0xE000:
		return false // surrogates; Go never decodes them from a string, but a rune may hold one
	case r <= 0xFFFD:
		return true
	}
	return r >= 0x10000 && r <= 0x10FFFF
}

// writeXMLText writes s as XML character data, in element content or (attr true) in a
// double-quoted attribute value. Whatever bytes a server sent, the result is well-formed:
// invalid UTF-8 becomes U+FFFD, characters XML cannot hold are dropped, "&" and "<" are escaped,
// and so is the ">" of every "]]>", which may not appear in content. Other ">" stay as they are,
// so code frames and diffs read well in the raw file. A carriage return is written as a
// character reference because parsers turn a literal one into a line feed; in attributes line
// feeds and tabs are references as well, because attribute-value normalisation turns literal
// ones into spaces.
func writeXMLText(b *strings.Builder, s string, attr bool) {
	brackets := 0 // how many "]" were just written
	// Ranging over a string yields U+FFFD for each invalid byte.
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>' && brackets >= 2:
			b.WriteString("&gt;")
		case r == '"' && attr:
			b.WriteString("&quot;")
		case r == '\r':
			b.WriteString("&#13;")
		case r == '\n' && attr:
			b.WriteString("&#10;")
		case r == '\t' && attr:
			b.WriteString("&#9;")
		case xmlChar(r):
			b.WriteRune(r)
		default:
			continue // dropped: it changes nothing around it
		}
		if r == ']' {
			brackets++
		} else {
			brackets = 0
		}
	}
}

// xmlAttr returns s escaped for a double-quoted attribute value.
func xmlAttr(s string) string {
	var b strings.Builder
	writeXMLText(&b, s, true)
	return b.String()
}
