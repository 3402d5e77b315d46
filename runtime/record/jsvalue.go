package record

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"

	"github.com/wsrun/wsrun/jsapi/jsonlimit"
)

// A parsed JSON value that keeps its keys' order and its numbers' literals:
// object, array, number, string, bool or nil.
type (
	member struct {
		key string
		val any
	}
	object []member
	array  []any
	number string
)

// parseJSON parses one JSON document; ok is false for anything else.
func parseJSON(data []byte) (v any, ok bool) {
	t := bytes.TrimSpace(data)
	if len(t) == 0 || (t[0] != '{' && t[0] != '[') {
		return nil, false // wsrun's parse: 'auto' delivers only objects and arrays parsed
	}
	if jsonlimit.DeeperThan(t, jsonlimit.MaxDepth) {
		// parseValue recurses once per level, and encoding/json's Token sets no limit: a
		// server's 10 MB of '[' overflowed the stack, killing wsrun record. wsrun's client
		// does not parse such a frame either: it arrives as text.
		return nil, false
	}
	d := json.NewDecoder(bytes.NewReader(t))
	d.UseNumber()
	v, err := parseValue(d)
	if err != nil {
		return nil, false
	}
	if _, err := d.Token(); !errors.Is(err, io.EOF) {
		return nil, false
	}
	return v, true
}

func parseValue(d *json.Decoder) (any, error) {
	tok, err := d.Token()
	if err != nil {
		return nil, err
	}
	switch tok := tok.(type) {
	case json.Delim:
		switch tok {
		case '{':
			o := object{}
			for d.More() {
				k, err := d.Token()
				if err != nil {
					return nil, err
				}
				v, err := parseValue(d)
				if err != nil {
					return nil, err
				}
				o = append(o, member{key: k.(string), val: v})
			}
			_, err := d.Token()
			return o, err
		case '[':
			a := array{}
			for d.More() {
				v, err := parseValue(d)
				if err != nil {
					return nil, err
				}
				a = append(a, v)
			}
			_, err := d.Token()
			return a, err
		}
		return nil, fmt.Errorf("unexpected %v", tok)
	case json.Number:
		return number(tok), nil
	}
	return tok, nil // string, bool, nil
}

// node is a JS expression to write: a leaf (text, with an optional
// end-of-line comment), or an object or array of kids.
type node struct {
	text    string
	ref     *ref // set for a value read from an earlier expected message: text is unused
	comment string
	obj     bool // kids are an object's members; else an array's elements if kids != nil
	list    bool
	kids    []kid
}

type kid struct {
	key string
	n   *node
}

// maxLine is the width up to which an object without comments is written on one line.
const maxLine = 80

var identRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$]*$`) })

func jsKey(k string) string {
	if k == "__proto__" { // a plain or quoted __proto__ key sets the prototype, not a member
		return "['__proto__']"
	}
	if identRE().MatchString(k) {
		return k
	}
	return jsString(k)
}

// jsString quotes s as a single-quoted JS string literal.
func jsString(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for _, r := range s {
		switch r {
		case '\\', '\'':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\u2028', '\u2029':
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\x%02x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('\'')
	return b.String()
}

func (n *node) hasComment() bool {
	if n.comment != "" {
		return true
	}
	for _, k := range n.kids {
		if k.n.hasComment() {
			return true
		}
	}
	return false
}

// flat is n on one line, without comments.
func (n *node) flat() string {
	if n.ref != nil {
		return n.ref.c.capture + n.ref.path
	}
	if !n.obj && !n.list {
		return n.text
	}
	parts := make([]string, len(n.kids))
	for i, k := range n.kids {
		parts[i] = k.n.flat()
		if n.obj {
			parts[i] = jsKey(k.key) + ": " + parts[i]
		}
	}
	if n.list {
		return "[" + strings.Join(parts, ", ") + "]"
	}
	if len(parts) == 0 {
		return "{}"
	}
	return "{ " + strings.Join(parts, ", ") + " }"
}

// write writes n after prefix (already indented by indent) and before
// suffix, breaking objects and arrays over lines when they hold comments
// or are too long.
func (n *node) write(b *strings.Builder, indent, prefix, suffix string) {
	flat := n.flat()
	if !n.hasComment() && len(indent)+len(prefix)+len(flat)+len(suffix) <= maxLine || (!n.obj && !n.list) || len(n.kids) == 0 {
		b.WriteString(indent + prefix + flat + suffix)
		if n.comment != "" {
			b.WriteString(" // " + n.comment)
		}
		b.WriteByte('\n')
		return
	}
	open, close := "{", "}"
	if n.list {
		open, close = "[", "]"
	}
	b.WriteString(indent + prefix + open + "\n")
	for _, k := range n.kids {
		p := ""
		if n.obj {
			p = jsKey(k.key) + ": "
		}
		k.n.write(b, indent+"  ", p, ",")
	}
	b.WriteString(indent + close + suffix + "\n")
}
