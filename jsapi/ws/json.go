package ws

import (
	"errors"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/jsonlimit"
)

// errNotFast says the fast JSON decoder declines the input: it is not valid JSON, or holds
// something only goja's own JSON.parse renders exactly (a lone surrogate, invalid UTF-8).
// The caller then runs JSON.parse, which also words the error.
var errNotFast = errors.New("not for the fast path")

// decodeJSON builds goja values straight from a frame. goja's JSON.parse reads tokens through
// encoding/json's Decoder, whose per-token costs made decoding most of the work of receiving
// JSON frames; this produces the same values (same key order, numbers as float64) in a
// fraction of the time. Keys and strings without escapes are substrings of data, not copies.
func decodeJSON(vm *goja.Runtime, data string) (goja.Value, error) {
	p := jsonParser{vm: vm, data: data}
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.pos != len(p.data) {
		return nil, errNotFast
	}
	return v, nil
}

type jsonParser struct {
	vm   *goja.Runtime
	data string
	pos  int
}

func (p *jsonParser) space() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

// value reads a value inside depth arrays and objects.
func (p *jsonParser) value(depth int) (goja.Value, error) {
	p.space()
	if p.pos >= len(p.data) {
		return nil, errNotFast
	}
	switch c := p.data[p.pos]; {
	case (c == '{' || c == '[') && depth >= jsonlimit.MaxDepth: // a hostile frame must not exhaust the stack
		return nil, errNotFast
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		s, err := p.string()
		if err != nil {
			return nil, err
		}
		return p.vm.ToValue(s), nil
	case c == 't':
		return p.literal("true", p.vm.ToValue(true))
	case c == 'f':
		return p.literal("false", p.vm.ToValue(false))
	case c == 'n':
		return p.literal("null", goja.Null())
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	}
	return nil, errNotFast
}

func (p *jsonParser) literal(word string, v goja.Value) (goja.Value, error) {
	if len(p.data)-p.pos < len(word) || p.data[p.pos:p.pos+len(word)] != word {
		return nil, errNotFast
	}
	p.pos += len(word)
	return v, nil
}

func (p *jsonParser) object(depth int) (goja.Value, error) {
	p.pos++ // {
	obj := p.vm.NewObject()
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return obj, nil
	}
	for {
		p.space()
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return nil, errNotFast
		}
		key, err := p.string()
		if err != nil {
			return nil, err
		}
		p.space()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return nil, errNotFast
		}
		p.pos++
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		// An own property even for "__proto__", as JSON.parse makes it.
		if err := obj.DefineDataProperty(key, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE); err != nil {
			return nil, errNotFast
		}
		p.space()
		if p.pos >= len(p.data) {
			return nil, errNotFast
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
			return obj, nil
		default:
			return nil, errNotFast
		}
	}
}

func (p *jsonParser) array(depth int) (goja.Value, error) {
	p.pos++ // [
	var items []any
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		return p.vm.NewArray(), nil
	}
	for {
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		items = append(items, v)
		p.space()
		if p.pos >= len(p.data) {
			return nil, errNotFast
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case ']':
			p.pos++
			return p.vm.NewArray(items...), nil
		default:
			return nil, errNotFast
		}
	}
}

// string reads a JSON string; the common case without escapes is a substring of the frame.
func (p *jsonParser) string() (string, error) {
	p.pos++ // "
	start := p.pos
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		switch {
		case c == '"':
			s := p.data[start:p.pos]
			p.pos++
			if !utf8.ValidString(s) {
				return "", errNotFast
			}
			return s, nil
		case c == '\\':
			return p.escaped(start)
		case c < 0x20:
			return "", errNotFast
		}
		p.pos++
	}
	return "", errNotFast
}

// escaped finishes a string that has escapes, from its start.
func (p *jsonParser) escaped(start int) (string, error) {
	buf := append([]byte(nil), p.data[start:p.pos]...)
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		switch {
		case c == '"':
			p.pos++
			if !utf8.Valid(buf) {
				return "", errNotFast
			}
			return string(buf), nil
		case c < 0x20:
			return "", errNotFast
		case c != '\\':
			buf = append(buf, c)
			p.pos++
			continue
		}
		if p.pos+1 >= len(p.data) {
			return "", errNotFast
		}
		esc := p.data[p.pos+1]
		p.pos += 2
		switch esc {
		case '"', '\\', '/':
			buf = append(buf, esc)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r, ok := p.hex4()
			if !ok {
				return "", errNotFast
			}
			if utf16.IsSurrogate(r) {
				// Only a proper pair is UTF-8; a lone half is left to JSON.parse.
				if p.pos+6 > len(p.data) || p.data[p.pos] != '\\' || p.data[p.pos+1] != 'u' {
					return "", errNotFast
				}
				p.pos += 2
				lo, ok := p.hex4()
				if !ok {
					return "", errNotFast
				}
				if r = utf16.DecodeRune(r, lo); r == utf8.RuneError {
					return "", errNotFast
				}
			}
			buf = utf8.AppendRune(buf, r)
		default:
			return "", errNotFast
		}
	}
	return "", errNotFast
}

func (p *jsonParser) hex4() (rune, bool) {
	if p.pos+4 > len(p.data) {
		return 0, false
	}
	n, err := strconv.ParseUint(p.data[p.pos:p.pos+4], 16, 32)
	if err != nil {
		return 0, false
	}
	p.pos += 4
	return rune(n), true
}

// number reads a JSON number, checking the grammar (no leading zeros, no "1.", no "+1").
func (p *jsonParser) number() (goja.Value, error) {
	start := p.pos
	if p.data[p.pos] == '-' {
		p.pos++
	}
	if !p.digits(true) {
		return nil, errNotFast
	}
	if p.pos < len(p.data) && p.data[p.pos] == '.' {
		p.pos++
		if !p.digits(false) {
			return nil, errNotFast
		}
	}
	if p.pos < len(p.data) && (p.data[p.pos] == 'e' || p.data[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.data) && (p.data[p.pos] == '+' || p.data[p.pos] == '-') {
			p.pos++
		}
		if !p.digits(false) {
			return nil, errNotFast
		}
	}
	f, err := strconv.ParseFloat(p.data[start:p.pos], 64)
	if err != nil { // out of range too: goja's JSON.parse refuses it, and so the fallback decides
		return nil, errNotFast
	}
	if f == float64(int64(f)) && f != 0 || f == 0 && p.data[start] != '-' {
		return p.vm.ToValue(int64(f)), nil // goja's integers, as JSON.parse makes them
	}
	return p.vm.ToValue(f), nil
}

// digits reads one or more digits; an integer part may not have a leading zero.
func (p *jsonParser) digits(integer bool) bool {
	start := p.pos
	for p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '9' {
		p.pos++
	}
	n := p.pos - start
	if n == 0 {
		return false
	}
	return !(integer && n > 1 && p.data[start] == '0')
}

// json decodes a text frame: the fast decoder, or JSON.parse for what it declines, which
// also gives the error for text that is not JSON.
func (m *Module) json(text string) (goja.Value, error) {
	if v, err := decodeJSON(m.vm, text); err == nil {
		return v, nil
	}
	if jsonlimit.DeeperThan([]byte(text), jsonlimit.MaxDepth) {
		return nil, errors.New("it " + jsonlimit.TooDeep())
	}
	return m.helpers.jsonParse(goja.Undefined(), m.vm.ToValue(text))
}
