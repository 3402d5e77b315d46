package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// addScript adds "name": "command" to the scripts of package.json's text, inserting it as text
// so that the rest of the file keeps its bytes: indentation, key order, line endings. It copies
// the layout of the neighbouring members. When scripts already has name, it returns data as it
// is and the command found there (its JSON text when it is not a string).
func addScript(data []byte, name, command string) (out []byte, existing *string, err error) {
	var doc struct {
		Scripts *map[string]json.RawMessage `json:"scripts"`
	}
	// Validate first, so that the offsets below are read from JSON known to be well formed.
	body := bytes.TrimPrefix(data, []byte("\uFEFF"))
	if err := json.Unmarshal(body, &doc); err != nil {
		return nil, nil, jsonError(body, err)
	}
	if doc.Scripts != nil {
		if raw, ok := (*doc.Scripts)[name]; ok {
			var s string
			if json.Unmarshal(raw, &s) != nil {
				s = string(raw)
			}
			return data, &s, nil
		}
	}
	top, err := readObject(body, 0)
	if err != nil {
		return nil, nil, err
	}
	style := top.style(body)
	member := quote(name) + style.colon + quote(command)
	scripts, found := top.member("scripts")
	var edit []byte
	var at, end int
	switch {
	case found:
		obj, err := readObject(body, scripts.value)
		if err != nil {
			return nil, nil, errors.New(`has a "scripts" that is not an object`)
		}
		at, end, edit = obj.insert(body, member, style, style.indentOf(body, scripts.key))
	default:
		value := "{" + style.nl + style.unit + style.unit + member + style.nl + style.unit + "}"
		if style.nl == "" {
			value = "{" + member + "}"
		}
		at, end, edit = top.insert(body, quote("scripts")+style.colon+value, style, "")
	}
	prefix := len(data) - len(body)
	out = append(append(append([]byte{}, data[:prefix+at]...), edit...), data[prefix+end:]...)
	return out, nil, nil
}

// jsonError says where package.json stops being JSON, as line:column.
func jsonError(data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn) && syn.Offset >= int64(len(data)):
		return errors.New("is not valid JSON: it ends too early")
	case errors.As(err, &syn):
		// Offset counts the bytes read, the offending one included.
		line, col := lineCol(data, int(syn.Offset)-1)
		return fmt.Errorf("is not valid JSON at line %d, column %d: %v", line, col, syn)
	case errors.As(err, &typ) && typ.Field == "":
		return fmt.Errorf("holds a JSON %s, not an object", typ.Value)
	case errors.As(err, &typ):
		return fmt.Errorf(`has a "scripts" that is a JSON %s, not an object`, typ.Value)
	}
	return fmt.Errorf("is not valid JSON: %v", err)
}

func lineCol(data []byte, offset int) (int, int) {
	offset = min(offset, len(data))
	line := 1 + bytes.Count(data[:offset], []byte("\n"))
	return line, offset - bytes.LastIndexByte(data[:offset], '\n')
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// jsonMember is where one member of an object lies: its key, its value, the end of its value.
type jsonMember struct {
	name            string
	key, value, end int
}

// jsonObject is an object's members and the offset of its closing brace.
type jsonObject struct {
	open, close int
	members     []jsonMember
}

// readObject reads the offsets of the object starting at or after start in well-formed JSON.
func readObject(data []byte, start int) (jsonObject, error) {
	dec := json.NewDecoder(bytes.NewReader(data[start:]))
	obj := jsonObject{open: start + skipSpace(data[start:], 0)}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return obj, errors.New("is not a JSON object")
	}
	for dec.More() {
		prev := start + int(dec.InputOffset())
		tok, err := dec.Token()
		if err != nil {
			return obj, err
		}
		m := jsonMember{name: tok.(string)}
		// The key starts after the whitespace and comma that follow the previous token.
		m.key = prev + skipSpace(data[prev:], ',')
		afterKey := start + int(dec.InputOffset())
		m.value = afterKey + skipSpace(data[afterKey:], ':')
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return obj, err
		}
		m.end = start + int(dec.InputOffset())
		obj.members = append(obj.members, m)
	}
	if _, err := dec.Token(); err != nil {
		return obj, err
	}
	obj.close = start + int(dec.InputOffset()) - 1
	return obj, nil
}

// skipSpace counts the JSON whitespace, and the separator sep, at the start of b.
func skipSpace(b []byte, sep byte) int {
	i := 0
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r' || (sep != 0 && b[i] == sep)) {
		i++
	}
	return i
}

func (o jsonObject) member(name string) (jsonMember, bool) {
	for _, m := range o.members {
		if m.name == name {
			return m, true
		}
	}
	return jsonMember{}, false
}

// jsonStyle is how a file lays out its members: the line ending ("" for a file on one line),
// one level of indentation, and what sits between a key and its value.
type jsonStyle struct{ nl, unit, colon string }

// style reads the layout of the top-level object's first member; an empty object gets npm's
// own layout (two spaces, ": ").
func (o jsonObject) style(data []byte) jsonStyle {
	s := jsonStyle{nl: "\n", unit: "  ", colon: ": "}
	if bytes.Contains(data, []byte("\r\n")) {
		s.nl = "\r\n"
	}
	if len(o.members) == 0 {
		return s
	}
	first := o.members[0]
	s.colon = string(data[first.key+len(quoteRaw(data, first.key)) : first.value])
	lead := data[o.open+1 : first.key]
	if !bytes.ContainsRune(lead, '\n') {
		s.nl, s.unit = "", ""
		return s
	}
	s.unit = string(lead[bytes.LastIndexByte(lead, '\n')+1:])
	return s
}

// quoteRaw is the key's text as written, quotes included.
func quoteRaw(data []byte, at int) []byte {
	dec := json.NewDecoder(bytes.NewReader(data[at:]))
	var s string
	_ = dec.Decode(&s)
	return data[at : at+int(dec.InputOffset())]
}

// indentOf is the whitespace that starts the line holding offset at.
func (s jsonStyle) indentOf(data []byte, at int) string {
	if s.nl == "" {
		return ""
	}
	start := bytes.LastIndexByte(data[:at], '\n') + 1
	return string(data[start : start+skipSpace(data[start:at], 0)])
}

// insert returns the edit that adds member as the object's last: the bytes data[at:end]
// become edit. A member follows the last one with the same separator the last one has
// before it; an empty object is laid out with style, its members indented one unit more
// than indent.
func (o jsonObject) insert(data []byte, member string, style jsonStyle, indent string) (at, end int, edit []byte) {
	if n := len(o.members); n > 0 {
		last := o.members[n-1]
		before := o.open + 1
		if n > 1 {
			before = o.members[n-2].end
		}
		sep := bytes.ReplaceAll(data[before:last.key], []byte(","), nil)
		if n == 1 && !bytes.ContainsRune(sep, '\n') && strings.HasSuffix(style.colon, " ") {
			// {"a": 1} on one line has nothing before its only key: space as after colons.
			sep = []byte(" ")
		}
		return last.end, last.end, []byte("," + string(sep) + member)
	}
	if style.nl == "" {
		return o.open, o.close + 1, []byte("{" + member + "}")
	}
	text := "{" + style.nl + indent + style.unit + member + style.nl + indent + "}"
	return o.open, o.close + 1, []byte(text)
}
