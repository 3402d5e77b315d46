package engine

import (
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// esbuild's parser and printer and goja's parser and compiler recurse once per level of a
// program's nesting, with nothing to stop them: a test file of 150,000 nested arrow functions
// or 300,000 '!' overflowed the goroutine's 1 GB stack, a fatal error no recover catches, and
// the whole run died with exit 2 and no reports (SPEC 9). Neither can be changed, so every
// file esbuild loads is scanned first, and one that could nest deeper than maxNesting fails
// (its own file, or the test file importing it) before either parser sees it.
//
// The scan is a lexer, not a parser: it bounds the depth from above. Brackets, braces and
// template substitutions are levels; inside each, every operator, punctuator and keyword
// counts as one more level, as any of them may open one (a chain of '!', '=>', '?:', '=',
// '.', '+', a TypeScript type's '<' or '|'), until a ';' ends the statement (and, in plain
// JavaScript, a ',' the expression). 'else' and 'do' outlive the ';' (if…else if chains).
// Real code stays far below the limit, which is itself ten times below the shallowest
// overflow measured (about 100,000 levels of nested arrow functions).

// maxNesting is how deeply a file loaded by esbuild may nest, by the scan's count. A variable
// only so that tests can lower it and keep their inputs small.
var maxNesting = 10000

// nestingPluginName names the esbuild plugin of nestingPlugin in the messages it adds.
const nestingPluginName = "wsrun-nesting"

// nestingPlugin fails a file that nests too deeply when esbuild loads it: a test file, a
// file it imports, a package's file, a JSON file. It reads the file and lets esbuild load it.
func nestingPlugin() api.Plugin {
	return api.Plugin{Name: nestingPluginName, Setup: func(build api.PluginBuild) {
		build.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: "file"}, func(args api.OnLoadArgs) (api.OnLoadResult, error) {
			if !nestingScanned(args.Path) {
				return api.OnLoadResult{}, nil
			}
			src, err := os.ReadFile(args.Path)
			if err != nil {
				return api.OnLoadResult{}, nil // esbuild reports that it cannot read it
			}
			if msg, ok := tooDeep(args.Path, string(src)); ok {
				return api.OnLoadResult{Errors: []api.Message{msg}}, nil
			}
			return api.OnLoadResult{}, nil
		})
		// An import of a data: URL is code too, which no file holds.
		build.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: "dataurl"}, func(args api.OnLoadArgs) (api.OnLoadResult, error) {
			if msg, ok := tooDeep("", dataURLText(args.Path)); ok {
				msg.Location = nil // its position would be in the URL, which no editor shows
				msg.Text += " (in an imported data: URL)"
				return api.OnLoadResult{Errors: []api.Message{msg}}, nil
			}
			return api.OnLoadResult{}, nil
		})
	}}
}

// dataURLText is the text of a data: URL, base64 or percent-decoded; a '%' that does not
// start an escape stays, as esbuild keeps it.
func dataURLText(u string) string {
	head, data, _ := strings.Cut(u, ",")
	if strings.HasSuffix(head, ";base64") {
		if b, err := base64.StdEncoding.DecodeString(data); err == nil {
			return string(b)
		}
		if b, err := base64.RawStdEncoding.DecodeString(data); err == nil {
			return string(b)
		}
		return data
	}
	var b strings.Builder
	for i := 0; i < len(data); i++ {
		if data[i] == '%' && i+2 < len(data) {
			if v, err := strconv.ParseUint(data[i+1:i+3], 16, 8); err == nil {
				b.WriteByte(byte(v))
				i += 2
				continue
			}
		}
		b.WriteByte(data[i])
	}
	return b.String()
}

// nestingScanned reports whether a file at path is parsed as code (JavaScript, TypeScript,
// JSON), by its extension; a file without one that esbuild loads was named as a test file,
// which is JavaScript.
func nestingScanned(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".css", ".txt":
		return false
	}
	return true
}

// tooDeep is the error for src, the text of the file at path, when it may nest deeper than
// maxNesting, located where it does.
func tooDeep(path, src string) (api.Message, bool) {
	at := nestingExceeds(src, strings.ToLower(filepath.Ext(path)), maxNesting)
	if at < 0 {
		return api.Message{}, false
	}
	line := strings.Count(src[:at], "\n") + 1
	start := strings.LastIndexByte(src[:at], '\n') + 1
	end := strings.IndexByte(src[at:], '\n')
	if end < 0 {
		end = len(src) - at
	}
	lineText := src[start : at+end]
	col := at - start
	return api.Message{
		Text: fmt.Sprintf("nested too deeply: this file nests brackets, expressions, statements or types more than %d levels deep here, "+
			"more than wsrun parses (its parsers would overflow their stack); split the expression or generate the data at run time", maxNesting),
		Location: &api.Location{File: path, Line: line, Column: col, LineText: lineText},
	}, true
}

// nestFrame is one open bracket, brace, template literal or substitution: kind is its
// opening byte ('`' for a template's text, '$' for a substitution), count the levels its
// current statement may have opened, kept the levels a ';' does not close.
type nestFrame struct {
	kind   byte
	header bool // a '(' after if, for, while or with: a statement follows its ')'
	angled bool // TypeScript: a '<' was read in it, so its ','s may separate type arguments
	count  int
	kept   int
}

// nestingExceeds returns the byte offset in src at which its nesting may exceed limit, or
// -1. ext (lowercase, with its dot) tells TypeScript, JSX and JSON from JavaScript.
func nestingExceeds(src, ext string, limit int) int {
	if len(src) <= limit {
		return -1 // every level takes at least a byte
	}
	ts := ext == ".ts" || ext == ".mts" || ext == ".cts" || ext == ".tsx"
	jsx := ext == ".jsx" || ext == ".tsx"
	// In TypeScript a ',' may separate type arguments, whose '<' the scan cannot tell from a
	// comparison, and JSX text may hold anything: there only ';' and closing brackets end a
	// count.
	commaEnds := !ts && !jsx
	s := nestScan{src: src, ts: ts, jsx: jsx, frames: []nestFrame{{kind: 0}}, total: 1, limit: limit}
	if strings.HasPrefix(src, "#!") {
		s.pos = strings.IndexByte(src, '\n')
		if s.pos < 0 {
			return -1
		}
	}
	for s.pos < len(s.src) {
		top := &s.frames[len(s.frames)-1]
		if top.kind == '`' {
			if s.template() {
				return s.pos
			}
			continue
		}
		c := s.src[s.pos]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			s.pos++
			continue
		case c == '/' && s.pos+1 < len(s.src) && s.src[s.pos+1] == '/',
			// esbuild reads legacy HTML comments too: "<!--" anywhere, "-->" first on a line.
			c == '<' && strings.HasPrefix(s.src[s.pos:], "<!--"),
			c == '-' && strings.HasPrefix(s.src[s.pos:], "-->") && strings.TrimLeft(s.src[strings.LastIndexAny(s.src[:s.pos], "\n\r")+1:s.pos], " \t") == "":
			s.lineComment()
			continue
		case c == '/' && s.pos+1 < len(s.src) && s.src[s.pos+1] == '*':
			s.pos += 2
			s.skipTo("*/")
			continue
		case c == '\'' || c == '"':
			if s.prev == 'v' {
				s.endStatement() // so does a string
			}
			s.quoted(c)
			s.prev = 'v'
			continue
		case c == '`':
			s.pos++
			if s.push('`') {
				return s.pos
			}
			continue
		case isNestWordByte(c):
			start := s.pos
			for s.pos < len(s.src) && isNestWordByte(s.src[s.pos]) {
				s.pos++
			}
			word := s.src[start:s.pos]
			if s.prev == 'v' && !binaryWords[word] {
				s.endStatement() // a word after a value starts a statement (ASI)
			}
			s.word = word
			switch {
			case word == "else" || word == "do":
				top.kept++
				s.total++
				s.prev = 'k'
			case nestKeywords[word]:
				top.count++
				s.total++
				s.prev = 'k'
				if regexKeywords[word] {
					s.prev = 'r'
				}
			default:
				s.prev = 'v' // an identifier or a number: a value, not a level
			}
		case c == '/' && s.regexAllowed():
			s.regex()
			s.prev = 'v'
			continue
		case c == '(' || c == '[' || c == '{':
			s.pos++
			header := c == '(' && s.prev == 'k' && headerWords[s.word]
			s.prev = c
			if s.push(c) {
				return s.pos - 1
			}
			s.frames[len(s.frames)-1].header = header
			continue
		case c == ')' || c == ']' || c == '}':
			s.pos++
			s.prev = 'v'
			if top.kind == opening(c) || c == '}' && top.kind == '$' {
				if top.header {
					s.prev = 'h'
				}
				s.pop()
				continue
			}
			top.count++ // unbalanced: counted like any punctuator
			s.total++
		case c == ',' && !commaEnds && (jsx || top.angled):
			// A ',' opens no level (esbuild reads a sequence in a loop), but in TypeScript
			// it may separate the type arguments of a nesting '<'. Where no '<' was read it
			// cannot, and ends the count as in JavaScript: a .ts object or array literal of
			// 10,000 entries nests no deeper than a .js one.
			s.pos++
			s.prev = c
			continue
		case c == ';' || c == ',':
			s.pos++
			s.prev = c
			s.endStatement()
			continue
		default:
			s.pos++
			// ++ and -- after a value are postfix: a '/' after them divides.
			if (c == '+' || c == '-') && s.pos < len(s.src) && s.src[s.pos] == c && s.prev == 'v' {
				s.pos++
				c = 'v'
			}
			s.prev = c
			top.count++
			s.total++
			if c == '<' && ts {
				top.angled = true
			}
		}
		if s.total > s.limit {
			return s.pos - 1
		}
	}
	return -1
}

// nestScan is the state of nestingExceeds. prev classifies the last token, for telling a
// regular expression's '/' from division: a punctuator's byte, 'v' for a value (identifier,
// number, string, regular expression, template, closing bracket), 'h' for the ')' of an if,
// for, while or with, 'k' for a keyword and 'r' for one after which a '/' starts a regular
// expression.
type nestScan struct {
	src     string
	pos     int
	ts, jsx bool
	frames  []nestFrame
	total   int // levels open: one per frame, plus their counts and kept levels
	limit   int
	prev    byte
	word    string // the last word, when prev is 'k' or 'r'
}

// endStatement closes the levels the innermost frame's statement opened, but for those of
// 'else' and 'do'.
func (s *nestScan) endStatement() {
	top := &s.frames[len(s.frames)-1]
	s.total -= top.count
	top.count = 0
}

// push opens a frame of kind and reports whether the total passes the limit.
func (s *nestScan) push(kind byte) bool {
	s.frames = append(s.frames, nestFrame{kind: kind})
	s.total++
	return s.total > s.limit
}

// pop closes the innermost frame; the outermost (the file) is never closed.
func (s *nestScan) pop() {
	if len(s.frames) == 1 {
		return
	}
	f := s.frames[len(s.frames)-1]
	s.total -= 1 + f.count + f.kept
	s.frames = s.frames[:len(s.frames)-1]
	if f.kind != '{' && f.kind != '$' {
		// The closed group stays a level of the enclosing statement: f()()(), a[0][0] and
		// tag`a``b` nest without leaving a bracket open. Blocks and substitutions that
		// follow one another are siblings, and '.', '=>' or '?' count where a brace group
		// is an operand.
		s.frames[len(s.frames)-1].count++
		s.total++
	}
}

// template scans a template literal's text up to its end or its next substitution and
// reports whether opening the substitution passes the limit.
func (s *nestScan) template() bool {
	for s.pos < len(s.src) {
		switch s.src[s.pos] {
		case '\\':
			s.pos += 2
		case '`':
			s.pos++
			s.pop()
			s.prev = 'v'
			return false
		case '$':
			if s.pos+1 < len(s.src) && s.src[s.pos+1] == '{' {
				s.pos += 2
				s.prev = '{'
				return s.push('$')
			}
			s.pos++
		default:
			s.pos++
		}
	}
	return false
}

// quoted skips a string literal that starts with quote. A line break ends it, as it ends
// esbuild's parse with an error.
func (s *nestScan) quoted(quote byte) {
	s.pos++
	for s.pos < len(s.src) {
		switch c := s.src[s.pos]; c {
		case '\\':
			s.pos += 2
			continue
		case quote, '\n':
			s.pos++
			return
		}
		s.pos++
	}
}

// regex skips a regular expression literal and its flags. A line break ends it, as it ends
// esbuild's parse with an error.
func (s *nestScan) regex() {
	s.pos++
	inClass := false
	for s.pos < len(s.src) {
		switch s.src[s.pos] {
		case '\\':
			s.pos += 2
			continue
		case '[':
			inClass = true
		case ']':
			inClass = false
		case '\n':
			s.pos++
			return
		case '/':
			if !inClass {
				s.pos++
				for s.pos < len(s.src) && isNestWordByte(s.src[s.pos]) {
					s.pos++
				}
				return
			}
		}
		s.pos++
	}
}

// lineComment skips a comment to the end of its line, which, as for esbuild, a carriage
// return, U+2028 or U+2029 ends too: a comment that ran on to the next '\n' would hide code.
func (s *nestScan) lineComment() {
	for s.pos < len(s.src) {
		switch c := s.src[s.pos]; {
		case c == '\n' || c == '\r':
			return
		case c == 0xE2 && (strings.HasPrefix(s.src[s.pos:], "\u2028") || strings.HasPrefix(s.src[s.pos:], "\u2029")):
			return
		}
		s.pos++
	}
}

// skipTo moves past the next end, or to the end of the text.
func (s *nestScan) skipTo(end string) {
	i := strings.Index(s.src[s.pos:], end)
	if i < 0 {
		s.pos = len(s.src)
		return
	}
	s.pos += i + len(end)
}

// regexAllowed reports whether a '/' here starts a regular expression. Where in doubt it
// does not: a regular expression scanned as code only adds to the count (its brackets
// aside), while code skipped as a regular expression would hide its nesting.
func (s *nestScan) regexAllowed() bool {
	switch s.prev {
	case 0, 'r':
		return true
	case 'v', 'k':
		return false
	case '!', '>':
		return !s.ts // a TypeScript non-null assertion or type argument list ends a value
	case '<':
		return !s.jsx // a closing tag
	}
	return true // after any other punctuator an expression starts
}

// opening is the bracket that close closes.
func opening(close byte) byte {
	switch close {
	case ')':
		return '('
	case ']':
		return '['
	}
	return '{'
}

func isNestWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$' || c == '\\' || c == '#' || c >= 0x80
}

// nestKeywords are the words that may open a level: statements that take a statement or an
// expression, operators that are words, TypeScript's type operators.
var nestKeywords = map[string]bool{
	"if": true, "for": true, "while": true, "with": true, "return": true, "throw": true, "case": true,
	"function": true, "class": true, "extends": true, "new": true, "typeof": true, "void": true,
	"delete": true, "await": true, "yield": true, "async": true, "in": true, "of": true, "instanceof": true,
	"as": true, "satisfies": true, "keyof": true, "infer": true, "is": true, "readonly": true, "unique": true,
	"asserts": true, "import": true, "export": true, "default": true, "implements": true, "abstract": true,
	"declare": true, "namespace": true, "module": true, "let": true, "const": true, "var": true, "try": true,
	"catch": true, "finally": true, "switch": true, "static": true, "get": true, "set": true, "type": true,
	"interface": true, "enum": true, "accessor": true, "out": true, "using": true,
}

// binaryWords are the words that continue an expression or a type after a value, so do not
// start a statement there.
var binaryWords = map[string]bool{
	"in": true, "instanceof": true, "of": true, "as": true, "satisfies": true, "is": true,
	"extends": true, "implements": true,
}

// headerWords are the statements whose parenthesized head is followed by a statement.
var headerWords = map[string]bool{"if": true, "for": true, "while": true, "with": true, "await": true} // for await (…)

// regexKeywords are the reserved words after which a '/' starts a regular expression, never a
// division ('await' and 'yield' are not: they are identifiers in some scripts).
var regexKeywords = map[string]bool{
	"return": true, "throw": true, "case": true, "new": true, "typeof": true, "void": true,
	"delete": true, "in": true, "instanceof": true,
}
