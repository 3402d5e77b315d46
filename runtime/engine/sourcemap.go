package engine

import (
	"encoding/json"
	"errors"
	"net/url"
	"path"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/wsrun/wsrun/jsapi/wsrun"
)

// goja maps positions through a source map itself (its parser reads the map named by a
// //# sourceMappingURL comment), so every stack, Error.stack and captured call site already
// points into the original files. But the decoder it uses has three quirks that this file works
// around by rewriting esbuild's map before goja sees it:
//
//   - goja looks positions up with a 1-based column while the map's columns are 0-based, and it
//     reports the map's 0-based source column as if it were 1-based. Shifting every generated
//     and every source column by one makes both ends right.
//   - the decoder silently drops any mapping to line 1, column 0 of a source, so the first
//     statement of every file would map to whatever came before it. After the shift no
//     mapping has source column 0.
//   - a position on a line without mappings is given the last mapping of an earlier line,
//     possibly in another file. Lines of esbuild's own glue code (module wrappers, interop
//     helpers) are mapped to internalSource instead, whose stack frames the runner skips.
//
// Source names are the paths shown to the user, URL-escaped because goja resolves them as URLs
// (displayName undoes that). An absolute path (a file outside the working directory) is a
// file: URL, since goja would resolve "/tmp/x.test.js" against the bundle's name and drop
// its leading slash.

// internalSource is the source name given to generated code that has no original position.
const internalSource = wsrun.InternalPrefix + "bundle"

// sourceMap is the subset of a version 3 source map that esbuild writes.
type sourceMap struct {
	Version        int      `json:"version"`
	SourceRoot     string   `json:"sourceRoot,omitempty"`
	Sources        []string `json:"sources"`
	SourcesContent []string `json:"sourcesContent,omitempty"`
	Mappings       string   `json:"mappings"`
}

// segment is one decoded mapping, every number 0-based.
type segment struct {
	genCol, src, srcLine, srcCol int
}

// mapping is a decoded source map: for each generated line, its segments in column order.
type mapping struct {
	sources []string // display paths
	lines   [][]segment
}

// lookup returns the original position of a 1-based generated line and column, in the same
// way goja does (the last segment at or before the column on that line), or ok=false.
func (m *mapping) lookup(line, col int) (file string, origLine, origCol int, ok bool) {
	if line < 1 || line > len(m.lines) {
		return "", 0, 0, false
	}
	segs := m.lines[line-1]
	i := sort.Search(len(segs), func(i int) bool { return segs[i].genCol > col-1 }) - 1
	if i < 0 {
		if len(segs) == 0 {
			return "", 0, 0, false
		}
		i = 0
	}
	s := segs[i]
	return m.sources[s.src], s.srcLine + 1, s.srcCol + 1, true
}

// decodeMappings reads the "mappings" field of a source map.
func decodeMappings(s string) ([][]segment, error) {
	var lines [][]segment
	var cur []segment
	var src, srcLine, srcCol int
	for _, line := range strings.Split(s, ";") {
		cur = nil
		genCol := 0
		for _, field := range strings.Split(line, ",") {
			if field == "" {
				continue
			}
			nums, err := decodeVLQs(field)
			if err != nil {
				return nil, err
			}
			genCol += nums[0]
			if len(nums) < 4 {
				continue // a segment with no source position
			}
			src += nums[1]
			srcLine += nums[2]
			srcCol += nums[3]
			cur = append(cur, segment{genCol: genCol, src: src, srcLine: srcLine, srcCol: srcCol})
		}
		lines = append(lines, cur)
	}
	return lines, nil
}

const base64Chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

var errBadVLQ = errors.New("source map: bad VLQ")

// decodeVLQs decodes the base64 VLQ numbers of one segment.
func decodeVLQs(s string) ([]int, error) {
	var out []int
	value, shift := 0, 0
	for i := 0; i < len(s); i++ {
		d := strings.IndexByte(base64Chars, s[i])
		if d < 0 {
			return nil, errBadVLQ
		}
		value |= (d & 31) << shift
		if d&32 != 0 {
			shift += 5
			continue
		}
		n := value >> 1
		if value&1 != 0 {
			n = -n
		}
		out = append(out, n)
		value, shift = 0, 0
	}
	if shift != 0 || len(out) == 0 {
		return nil, errBadVLQ
	}
	return out, nil
}

func appendVLQ(b []byte, n int) []byte {
	v := n << 1
	if n < 0 {
		v = (-n << 1) | 1
	}
	for {
		d := v & 31
		v >>= 5
		if v != 0 {
			d |= 32
		}
		b = append(b, base64Chars[d])
		if v == 0 {
			return b
		}
	}
}

// encodeForGoja writes m as the map goja is given: wrapLines unmapped lines first (the wrapper
// the bundle is run in), every column shifted by one, unmapped lines mapped to internalSource,
// and source names URL-escaped.
func (m *mapping) encodeForGoja(wrapLines, trailing int) ([]byte, error) {
	internal := len(m.sources)
	sources := make([]string, 0, internal+1)
	for _, s := range m.sources {
		sources = append(sources, escapeSource(s))
	}
	sources = append(sources, internalSource)

	var b []byte
	var prevSrc, prevLine, prevCol int
	emit := func(genCol int, s segment, first bool) {
		if !first {
			b = append(b, ',')
		}
		b = appendVLQ(b, genCol)
		b = appendVLQ(b, s.src-prevSrc)
		b = appendVLQ(b, s.srcLine-prevLine)
		b = appendVLQ(b, s.srcCol+1-prevCol)
		prevSrc, prevLine, prevCol = s.src, s.srcLine, s.srcCol+1
	}
	line := 0
	glue := func() { emit(1, segment{src: internal, srcLine: line}, true) }
	for range wrapLines {
		glue()
		b = append(b, ';')
		line++
	}
	for _, segs := range m.lines {
		if len(segs) == 0 {
			glue()
		}
		prevGen := 0
		for i, s := range segs {
			emit(s.genCol+1-prevGen, s, i == 0)
			prevGen = s.genCol + 1
		}
		b = append(b, ';')
		line++
	}
	for range trailing {
		glue()
		b = append(b, ';')
		line++
	}
	// SourceRoot "." keeps goja's decoder from resolving the relative names against the
	// bundle's name.
	return json.Marshal(sourceMap{Version: 3, SourceRoot: ".", Sources: sources, Mappings: string(b)})
}

// escapeSource writes a display path as the URL goja resolves back to the same path. goja
// unescapes a relative name twice (file.ResolveSourcemapURL parses it, then parses its
// unescaped path again), so it is escaped twice: escaped once, a file named p%41.test.js was
// shown as pA.test.js, without its code frame. A colon is escaped too, or a name like
// a:b.test.js would read as a URL with a scheme and not be unescaped at all.
func escapeSource(p string) string {
	if path.IsAbs(p) || isDrivePath(p) {
		u := url.URL{Scheme: "file", Path: "/" + strings.TrimPrefix(p, "/")}
		return u.String()
	}
	once := func(s string) string { return strings.ReplaceAll((&url.URL{Path: s}).EscapedPath(), ":", "%3A") }
	return once(once(p))
}

// isDrivePath reports whether p is a Windows path with a drive letter, C:/dir/file.ts.
func isDrivePath(p string) bool {
	return len(p) > 2 && p[1] == ':' && p[2] == '/'
}

// displayName undoes escapeSource on a file name goja reports.
func displayName(name string) string {
	if rest, ok := strings.CutPrefix(name, "file://"); ok {
		name = rest
		if len(name) > 3 && name[0] == '/' && isDrivePath(name[1:]) {
			name = name[1:]
		}
	}
	if !strings.Contains(name, "%") {
		return name
	}
	if p, err := url.PathUnescape(name); err == nil {
		return p
	}
	return name
}

// densify adds a mapping at every token of the generated code that esbuild copied unchanged
// from the original. esbuild maps the start of each expression, but goja reports a call at its
// "(" and a property access at its "."; without these extra mappings such positions would
// fall back to the start of the expression. Code under node_modules is left as it is, to keep
// the map of a large package small.
func (m *mapping) densify(code string, contents []string) {
	gen := strings.Split(code, "\n")
	orig := make([][]string, len(contents))
	for i, c := range contents {
		if i < len(m.sources) && !strings.Contains(m.sources[i], "node_modules/") {
			orig[i] = strings.Split(c, "\n")
		}
	}
	var cur offsetCursor
	for ln, segs := range m.lines {
		if ln >= len(gen) || len(segs) == 0 {
			continue
		}
		line := gen[ln]
		var out []segment
		for k, s := range segs {
			out = append(out, s)
			if s.src >= len(orig) || s.srcLine >= len(orig[s.src]) {
				continue
			}
			limit := len(line)
			if k+1 < len(segs) {
				limit = min(limit, segs[k+1].genCol)
			}
			src := orig[s.src][s.srcLine]
			j, ok := cur.byteOffset(s.src, s.srcLine, src, s.srcCol)
			if !ok {
				continue
			}
			// esbuild may map the indentation of a statement, or the space before it.
			i, j0 := s.genCol, j
			for i < limit && isSpace(line[i]) {
				i++
			}
			for j < len(src) && isSpace(src[j]) {
				j++
			}
			for ; i < limit && j < len(src) && line[i] == src[j]; i, j = i+1, j+1 {
				if i > s.genCol && tokenStart(line, i) {
					out = append(out, segment{genCol: i, src: s.src, srcLine: s.srcLine, srcCol: s.srcCol + j - j0})
				}
			}
			if i < limit {
				// The text differs, as when esbuild calls an import as (0, import_x.f)(…):
				// the end of the region may still match the end of the original's.
				out = append(out, tailSegments(&cur, s, line, src, i, limit, j, j0, segs[k+1:])...)
			}
		}
		m.lines[ln] = out
	}
}

// dropBOM moves the columns of the first line of each source that starts with a byte order
// mark one to the left: esbuild counts the mark as a column, editors do not.
func (m *mapping) dropBOM(contents []string) {
	bom := map[int]bool{}
	for i, c := range contents {
		if strings.HasPrefix(c, "\uFEFF") {
			bom[i] = true
		}
	}
	if len(bom) == 0 {
		return
	}
	for _, segs := range m.lines {
		for k, s := range segs {
			if bom[s.src] && s.srcLine == 0 && s.srcCol > 0 {
				segs[k].srcCol--
			}
		}
	}
}

// offsetCursor finds the byte offset of a UTF-16 column in an original line. It resumes where
// its last call on the same line left off, when the column asked for is not before it: the
// segments mostly move forward through an original line (esbuild prints the statements of one
// minified line on many lines), and counting each from the start of a long line (500 KB on one
// line) took a minute.
type offsetCursor struct {
	ok               bool
	src, line        int
	units, byteIndex int
}

func (c *offsetCursor) byteOffset(src, line int, s string, col int) (int, bool) {
	start, units := 0, 0
	if c.ok && c.src == src && c.line == line && col >= c.units {
		start, units = c.byteIndex, c.units
	}
	i := start
	for i < len(s) && units < col {
		r, size := utf8.DecodeRuneInString(s[i:])
		units++
		if r >= 0x10000 {
			units++
		}
		i += size
	}
	*c = offsetCursor{ok: true, src: src, line: line, units: units, byteIndex: i}
	return i, units == col
}

// tokenStart reports whether a token starts at line[i]: any punctuation character, or the
// first character of a word.
func tokenStart(line string, i int) bool {
	c := line[i]
	if isSpace(c) {
		return false
	}
	if !isWordByte(c) {
		return true
	}
	return !isWordByte(line[i-1])
}

func isWordByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' }

// tailSegments aligns the end of a generated region, line[from:limit], with the end of the
// original text the segment covers, src[orig:end], where end is where the next segment on
// the same original line starts (or the end of the line), and maps the tokens of the common
// suffix.
func tailSegments(cur *offsetCursor, s segment, line, src string, from, limit, orig, j0 int, next []segment) []segment {
	end := len(src)
	if len(next) > 0 && next[0].src == s.src && next[0].srcLine == s.srcLine && next[0].srcCol >= s.srcCol {
		if e, ok := cur.byteOffset(s.src, s.srcLine, src, next[0].srcCol); ok {
			end = e
		}
	}
	i, j := limit, end
	for i > from && j > orig && line[i-1] == src[j-1] && !isSpace(line[i-1]) {
		i, j = i-1, j-1
	}
	var out []segment
	col := s.srcCol + utf16Len(src[j0:j])
	for ; i < limit; i, col = i+1, col+1 {
		if i > s.genCol && tokenStart(line, i) {
			out = append(out, segment{genCol: i, src: s.src, srcLine: s.srcLine, srcCol: col})
		}
	}
	return out
}

// utf16Len is the length of s in UTF-16 units, as source map columns count.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}
