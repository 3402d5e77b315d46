package redact

import "strings"

// scanner walks a text once and copies it to out with secret values replaced. out stays nil
// until the first replacement, so text without secrets costs no allocation.
type scanner struct {
	r    *Redactor
	s    string
	out  []byte
	last int      // s[:last] has been dealt with: copied to out, or left as it is
	memo bareSpan // the last bare value measured
	// inLine is set while continued scans the rest of a line: strings left open there end
	// with the line.
	inLine bool
	// rest is set once property has dealt with the rest of the text, which it does once: a
	// path named again in a value it scans, or in the attributes of an element, would make
	// it run once more over the text after it each time.
	rest bool
}

// bareSpan is a bare value s[from:end] that ends at a byte of stop (or the end of the text)
// at raw, blanks before raw left out. Every value starting in s[from:raw] ends there too.
type bareSpan struct {
	stop           string
	from, raw, end int
}

// replace puts with in place of s[from:to]. Calls come in increasing order of from, but may
// overlap a replacement made before (a key inside a bare value, which is scanned again): the
// part already replaced stays as it is.
func (sc *scanner) replace(from, to int, with string) {
	if to <= sc.last {
		return
	}
	from = max(from, sc.last)
	if sc.out == nil {
		sc.out = make([]byte, 0, len(sc.s)+len(Mark))
	}
	sc.out = append(append(sc.out, sc.s[sc.last:from]...), with...)
	sc.last = to
}

// run looks at every run of name characters: a secret name followed by a separator has its
// value redacted, and a URL's authority is skipped but for its password.
func (sc *scanner) run() { sc.scan(0, len(sc.s)) }

// scan is run over the names that start in s[from:to].
func (sc *scanner) scan(from, to int) {
	s := sc.s
	for i := from; i < to; {
		if !isName(s[i]) {
			n, c := escape(s, i)
			switch {
			case n > 0 && isName(c): // a name that starts escaped: %74oken=, "\u0070assword"
			case n > 0: // an escaped byte that is no part of a name, skipped whole
				i += n
				continue
			case s[i] == '\\':
				// a run of backslashes is skipped whole, and the letter of an escape after it
				// too: in "line\ntoken=x" the name starts after the n. Not when the name
				// that starts with the letter is a secret one: in "C:\\token=x" the backslash
				// is escaped itself.
				for i++; i < len(s) && s[i] == '\\'; i++ {
				}
				if i < len(s) && strings.IndexByte("nrtbf", s[i]) >= 0 {
					if _, secret := sc.r.nameAt(s, i); !secret {
						i++
					}
				}
				continue
			default:
				i++
				continue
			}
		}
		j, secret := sc.r.nameAt(s, i)
		next := j
		switch {
		case strings.HasPrefix(s[j:], "://"):
			next = sc.authority(j + len("://"))
		case !sc.rest && s[i:j] == "path" && strings.HasPrefix(s[j:], ": ") && (strings.HasSuffix(s[:i], "Expected ") || strings.HasSuffix(s[:i], "Received ")):
			next = sc.property(j + len(": "))
		case s[i:j] == "differ" && strings.HasPrefix(s[j:], " at ") && strings.HasSuffix(s[:i], "They first "):
			next = sc.firstDiffer(j + len(" at "))
		case secret:
			next = max(j, sc.value(i, j))
		}
		i = next
	}
}

// property deals with Jest's toHaveProperty message, whose path line names the property
// and whose value lines follow without it:
//
//	Expected path: "user.password"   (or ["user", "password"], or not "token")
//
//	Expected value: "hunter2"
//	Received value: "hunter3"
//
// When a segment of the path at p is a secret name, every later line of the text is a value
// or a diff of values: its values are hidden, its keys, brackets and headers kept, as in a
// block. The one exception is the received value of a path not found: it is the object the
// missing property was looked for in, which the failure needs to show; it is hidden only
// when the received path has a secret name in it too.
func (sc *scanner) property(p int) int {
	s := sc.s
	end := lineEnd(s, p)
	if !sc.namesSecret(p, end) {
		return end
	}
	sc.rest = true
	found := true // the whole path was found: the received value is the secret's
	if from := min(end+1, len(s)); strings.HasPrefix(s[from:], "Received path: ") {
		found = sc.namesSecret(from+len("Received path: "), lineEnd(s, from))
	}
	for k := end; k < len(s); {
		from := k + 1
		to := lineEnd(s, from)
		line := strings.TrimLeft(s[from:to], " \t")
		in := from + len(s[from:to]) - len(line)
		switch {
		case strings.HasPrefix(line, "Expected path: ") || strings.HasPrefix(line, "Received path: "):
		case strings.HasPrefix(line, "Received value: ") && !found:
			sc.scan(in, to)
		case strings.HasPrefix(line, "Expected value: ") || strings.HasPrefix(line, "Received value: "):
			v := in + len("Expected value: ")
			if strings.HasPrefix(s[v:to], "not ") {
				v += len("not ")
			}
			if v < to {
				sc.replace(v, to, Mark)
			}
		case strings.HasPrefix(strings.TrimLeft(line, "-+ "), "Expected value") || strings.HasPrefix(strings.TrimLeft(line, "-+ "), "Received value"):
			// a diff's header: - Expected value  - 1
		case line != "":
			sc.leaf(from+indent(s[from:to]), to, `"`+Mark+`"`)
		}
		k = to
	}
	return len(s)
}

// firstDiffer deals with the note the expect library prints under two values too large to
// diff, whose value lines follow the path without its keys:
//
//	They first differ at .auth.token:
//	Expected: "abc"
//	Received: "abd"
//
// When a segment of the path at p is a secret name, the values of the two lines are
// hidden. It returns where scanning goes on.
func (sc *scanner) firstDiffer(p int) int {
	s := sc.s
	end := lineEnd(s, p)
	if !sc.namesSecret(p, end) {
		return end
	}
	for n := 0; n < 2 && end < len(s); n++ {
		from := end + 1
		end = lineEnd(s, from)
		if c := strings.Index(s[from:end], ": "); c > 0 && from+c+2 < end {
			sc.replace(from+c+2, end, Mark)
		}
	}
	return end
}

// namesSecret reports whether a name in s[from:to] is a secret one.
func (sc *scanner) namesSecret(from, to int) bool {
	secret := false
	for k := from; k < to && !secret; {
		if !isName(sc.s[k]) {
			if n, c := escape(sc.s, k); n == 0 || !isName(c) {
				k += max(n, 1)
				continue
			}
		}
		k, secret = sc.r.nameAt(sc.s, k)
	}
	return secret
}

// escape reads an escaped byte at s[i]: %HH as in a URL, or \uHHHH after one or more
// backslashes as in JSON (escaped again inside a JSON string). It returns how many bytes
// the escape takes and the byte it stands for, or 0 when there is none, or when it stands
// for a character outside ASCII, which no name holds.
func escape(s string, i int) (int, byte) {
	switch s[i] {
	case '%':
		if i+2 < len(s) {
			if h, ok := unhex(s[i+1 : i+3]); ok {
				return 3, byte(h)
			}
		}
	case '\\':
		k := i
		for k < len(s) && s[k] == '\\' {
			k++
		}
		if k+4 < len(s) && s[k] == 'u' {
			if h, ok := unhex(s[k+1 : k+5]); ok && h < 0x80 {
				return k + 5 - i, byte(h)
			}
		}
	}
	return 0, 0
}

// unhex decodes hexadecimal digits.
func unhex(h string) (int, bool) {
	n := 0
	for i := 0; i < len(h); i++ {
		c := h[i] | 0x20
		switch {
		case '0' <= h[i] && h[i] <= '9':
			n = n*16 + int(h[i]-'0')
		case 'a' <= c && c <= 'f':
			n = n*16 + int(c-'a'+10)
		default:
			return 0, false
		}
	}
	return n, true
}

// brackets is where a name that ends at j and starts at i ends with its brackets, as forms
// write nested fields and arrays: user[password]=x, token[]=x, token[0]=x (or with the
// brackets percent-encoded, as URLSearchParams writes them). It returns j when there are none.
func brackets(s string, i, j int) int {
	k := j
	if open(s[:i], true) > 0 {
		n := closing(s[k:])
		if n == 0 {
			return j
		}
		k += n
	}
	for {
		n := open(s[k:], false)
		if n == 0 {
			return k
		}
		m := k + n
		for m < len(s) && m-k <= maxName && isName(s[m]) {
			m++
		}
		c := closing(s[m:])
		if c == 0 {
			return k
		}
		k = m + c
	}
}

// open is the length of the [ or %5B that s starts with, or with end, ends with; closing is
// that of the ] or %5D it starts with; 0 when there is none.
func open(s string, end bool) int {
	switch {
	case end && strings.HasSuffix(s, "["), !end && strings.HasPrefix(s, "["):
		return 1
	case end && len(s) >= 3 && strings.EqualFold(s[len(s)-3:], "%5B"), !end && len(s) >= 3 && strings.EqualFold(s[:3], "%5B"):
		return 3
	}
	return 0
}

func closing(s string) int {
	switch {
	case strings.HasPrefix(s, "]"):
		return 1
	case len(s) >= 3 && strings.EqualFold(s[:3], "%5D"):
		return 3
	}
	return 0
}

// authority skips the authority of a URL, from a (after "scheme://") to the path: a host
// named like a secret (ws://auth:4000/) is not a key. A password in it (user:password@host)
// is redacted.
func (sc *scanner) authority(a int) int {
	s := sc.s
	colon, at := -1, -1
	k := a
	for ; k < len(s); k++ {
		c := s[k]
		if c <= ' ' || strings.IndexByte(`/?#"'\<>`, c) >= 0 {
			break
		}
		switch {
		case c == ':' && colon < 0:
			colon = k
		case c == '@':
			at = k
		}
	}
	if colon >= 0 && at > colon+1 {
		sc.replace(colon+1, at, Mark)
	}
	return k
}

// value redacts what follows the secret name s[i:j], if it is a key or parameter: `name=`,
// `name:` or `name =>`, the name maybe quoted ("name", 'name', \"name\" in escaped JSON). It
// returns where scanning goes on.
func (sc *scanner) value(i, j int) int {
	s := sc.s
	if i > 0 && s[i-1] == '<' && j < len(s) && (s[j] == '>' || s[j] == ' ') {
		return sc.element(i, j)
	}
	q := keyQuote(s, i)
	k := j
	if b := brackets(s, i, j); b > j {
		// "user[password]": the quote before the name is not the key's; the one after it is
		k, q = b, ""
		for e := k; e < len(s) && e-k <= 8; e++ {
			if s[e] == '"' || s[e] == '\'' {
				q = s[k : e+1]
				break
			}
			if s[e] != '\\' {
				break
			}
		}
	}
	if q != "" && strings.HasPrefix(s[k:], q) {
		k += len(q)
	} else {
		q = ""
	}
	p := skipBlank(s, k)
	sep := byte(':')
	switch {
	case strings.HasPrefix(s[p:], "=>"):
		p += 2
	case strings.HasPrefix(s[p:], "==") || strings.HasPrefix(s[p:], "::") || strings.HasPrefix(s[p:], "://"):
		return j
	case p < len(s) && (s[p] == '=' || s[p] == ':'):
		sep = s[p]
		p++
	case strings.HasPrefix(s[p:], "must be "):
		return sc.described(p)
	default:
		return j
	}
	v := skipBlank(s, p)
	if v == len(s) || s[v] == '\n' || s[v] == '\r' {
		return v
	}
	level := 0 // how many times the key's JSON is escaped
	if len(q) > 1 {
		level = len(q) - 1
	}
	whole := Mark // what stands for a whole value: a string in the key's own quotes
	if q != "" {
		whole = q + Mark + q
	}
	// A string or bare value is scanned again once hidden, from its start: a stray quote in
	// the text may have made it look longer than it is, and a key inside it then still gets
	// its own value hidden. An object or array is hidden to its closing bracket, or to the end
	// of the text when there is none.
	if next, ok := sc.quoted(v); ok {
		return next
	}
	if o, ok := opener(s, v); ok && (o == v || sep != '=') {
		if blankLine(s[o+1:]) {
			if w := strings.TrimSpace(s[v:o]); w != "" && !typeName(w) {
				sc.replace(v, o, Mark+" ") // not Object {: maybe the secret itself
			}
			return sc.block(i, whole)
		}
		end, closed := balanced(s, o, level)
		if !closed {
			end = len(s) // cut short: hide everything that might be part of it
		}
		sc.replace(v, end, whole)
		return end
	}
	return sc.bare(v, sep, q != "", whole)
}

// element redacts the text of an XML element named like a secret, as XMPP over WebSocket
// sends credentials: <auth mechanism='PLAIN'>AGJvYg…</auth>, <password>x</password>. The
// name is s[i:j]; the text must end where the element's closing tag starts (not "a <token>
// b </i>", which is prose). Both searches stop at the next '<', so scanning stays linear. It
// returns where scanning goes on.
func (sc *scanner) element(i, j int) int {
	s := sc.s
	gt := j
	for gt < len(s) && s[gt] != '>' && s[gt] != '<' {
		gt++
	}
	if gt == len(s) || s[gt] != '>' || s[gt-1] == '/' {
		return j // not a start tag, or an empty element: its attributes are scanned as text
	}
	sc.scan(j, gt) // attributes: <auth password='x'>
	lt := gt + 1
	for lt < len(s) && s[lt] != '<' {
		lt++
	}
	ends := strings.HasPrefix(s[lt:], "</") && strings.HasPrefix(s[lt+2:], s[i:j]) &&
		lt+2+j-i < len(s) && (s[lt+2+j-i] == '>' || s[lt+2+j-i] == ' ')
	if !ends || strings.TrimSpace(s[gt+1:lt]) == "" {
		return gt + 1
	}
	sc.replace(gt+1, lt, Mark)
	return lt
}

// described redacts the value a TypeError about a secret option describes: "stomp.connect:
// option passcode must be a string, got the number 1234", "… got the string \"abc\"". p is
// at "must be"; the description is on the same line. It returns where scanning goes on.
func (sc *scanner) described(p int) int {
	s := sc.s
	end := lineEnd(s, p)
	g := strings.Index(s[p:end], ", got the ")
	if g < 0 {
		return p
	}
	v := p + g + len(", got the ")
	for _, kind := range []string{"string ", "number ", "bigint ", "boolean "} {
		if strings.HasPrefix(s[v:end], kind) {
			v += len(kind)
			if next, ok := sc.quoted(v); ok {
				return next
			}
			e := v
			// a number, bigint or boolean; the message may itself be quoted ("…got the number
			// 5"), and its closing quote is kept
			for e < end && strings.IndexByte(" \t\r,;\"'`\\", s[e]) < 0 {
				e++
			}
			if e > v {
				sc.replace(v, e, Mark)
			}
			return e
		}
	}
	return v
}

// bare redacts a value that is not quoted and not an object: a URL parameter's (after =),
// a header's or a JS property's (after :, to the end of the line), a JSON number or boolean
// (after a quoted key).
func (sc *scanner) bare(v int, sep byte, quotedKey bool, whole string) int {
	s := sc.s
	stop := "\r\n,}]\"'`\\" // name: value, as in headers (authorization: Bearer x) and JS objects
	switch {
	case sep == '=':
		stop = " \t\r\n&#\"'`<>]}\\" // a URL query, a form or a cookie
	case quotedKey:
		stop = " \t\r\n,}]\"'`\\" // a JSON number, true, false
	}
	e := sc.bareEnd(v, stop, sep == '=')
	if sep == '=' && e < len(s) && s[e] == ' ' && authScheme(s[v:e]) { // authorization=Bearer abc
		e = sc.bareEnd(e+1, stop, true)
	}
	if w := s[v:e]; w == "" || w == "null" || w == "undefined" {
		return e
	}
	if sep == '=' {
		whole = Mark
	}
	sc.replace(v, e, whole)
	// ("token": cookie: sid=x; … ends at the blank: the cookie's value is hidden next.)
	return v
}

// authScheme reports whether w is an HTTP authentication scheme, whose credentials follow
// after a blank.
func authScheme(w string) bool {
	if len(w) > len("negotiate") {
		return false
	}
	switch strings.ToLower(w) {
	case "bearer", "basic", "digest", "token", "negotiate":
		return true
	}
	return false
}

// quoted redacts the contents of the string that starts at v, if one does: in ', ` or ",
// the last maybe escaped (\" in JSON inside a JSON string). An empty string is left alone;
// one not closed on its line is redacted to the end of the line. It returns where scanning
// goes on: the start of the contents.
func (sc *scanner) quoted(v int) (int, bool) {
	s := sc.s
	level := 0
	for v+level < len(s) && s[v+level] == '\\' {
		level++
	}
	if v+level == len(s) {
		return 0, false
	}
	c := s[v+level]
	if c != '"' && (level > 0 || c != '\'' && c != '`') {
		return 0, false
	}
	from := v + level + 1
	end, closed := endString(s, from, c, level)
	content := end
	if closed {
		content = end - 1 - level
	}
	if content > from {
		sc.replace(from, content, Mark)
		if !closed && c == '"' && level == 0 && end < len(s) && !cut(s[from:end]) && !sc.inLine {
			if next := sc.continued(end); next > end {
				return next, true
			}
		}
		return from, true
	}
	return end, true
}

// continued hides the lines that continue a "-quoted string not closed on its line, from
// the line break at k: Jest prints a string's line breaks as they are (a PEM key in a
// diff, "Received: {"token": "a⏎b"}"), and escapes its quotes, so the string ends at the
// first " of a later line. In a diff, the string's last line may come twice, its - line
// then its + line. Lines that start a key or close a bracket end the string too, in case
// its closing quote was lost (cut). A diff's markers are kept. It returns where scanning
// goes on, k when nothing was hidden.
func (sc *scanner) continued(k int) int {
	s := sc.s
	next := k
	closedOn := byte(0) // the marker of the line the string closed on
	for k < len(s) && s[k] == '\n' {
		from := k + 1
		to := lineEnd(s, from)
		marker := byte(0)
		if to-from >= 2 && (s[from] == '-' || s[from] == '+') && s[from+1] == ' ' {
			marker = s[from]
			from += 2
		}
		if structural(s[from:to]) || closedOn != 0 && (marker == 0 || marker == closedOn) {
			break
		}
		q := -1
		if e, ok := endString(s, from, '"', 0); ok {
			q = e - 1 - from
		}
		switch {
		case q < 0:
			sc.replace(from, to, Mark)
		case q > 0:
			sc.replace(from, from+q, Mark)
		}
		next, k = to, to
		if q >= 0 { // closed: only the other side of a diff may follow
			next = from + q // what follows the quote is scanned as text
			if marker == 0 || closedOn != 0 {
				break
			}
			// the rest of the - line, before the + line is hidden; a string left open in it
			// is not continued, which keeps scanning linear
			sc.inLine = true
			sc.scan(next, to)
			sc.inLine = false
			closedOn = marker
		}
	}
	return next
}

// cut reports whether a line ends as wsrun ends a text it shortened, "… (300 bytes)": what
// follows is not the rest of the string.
func cut(line string) bool {
	i := strings.LastIndex(line, "… (")
	return i >= 0 && strings.HasSuffix(line, " bytes)")
}

// structural reports whether a line (its diff marker taken off) starts a key, closes a
// bracket or starts a part of a matcher's message: it cannot continue a string.
func structural(line string) bool {
	t := strings.TrimLeft(line, " \t")
	switch {
	case t == "":
		return false
	case t[0] == '}' || t[0] == ']':
		return true
	case strings.HasPrefix(t, "Expected") || strings.HasPrefix(t, "Received") || strings.HasPrefix(t, "at "):
		return true
	case t[0] == '"' && len(t) < len(line):
		end, ok := endString(t, 1, '"', 0)
		return ok && strings.HasPrefix(t[end:], ": ")
	}
	return false
}

// block redacts a value written over several lines, as pretty-printed JSON and Jest's diffs
// show objects: the key's line ends with { or [, and the value is every following line
// indented deeper than the key. Each leaf (string, number, …) is replaced, keys and brackets
// stay, so a diff keeps its shape: a '-' line and a '+' line of the same key are two values.
func (sc *scanner) block(i int, whole string) int {
	s := sc.s
	start := strings.LastIndexByte(s[:i], '\n') + 1
	keyIndent := indent(s[start:i])
	for k := lineEnd(s, i); k < len(s); {
		from := k + 1
		to := lineEnd(s, from)
		line := s[from:to]
		if strings.TrimSpace(line) != "" {
			in := indent(line)
			if in <= keyIndent {
				return from
			}
			sc.leaf(from+in, to, whole)
		}
		k = to
	}
	return len(s)
}

// leaf redacts the value on one inner line of a block: `"key": value,`, `key: value` or a
// bare array element. Brackets and nested openers are kept.
func (sc *scanner) leaf(from, to int, whole string) {
	s := sc.s
	end := from + len(strings.TrimRight(s[from:to], " \t\r,"))
	key, v := keyEnd(s, from, end)
	if strings.ContainsAny(s[from:key], ":=") { // a key that is text, which may hold a secret
		sc.scan(from, key)
	}
	val := s[v:end]
	if val == "" || val == "null" || val == "undefined" || val == "}" || val == "]" {
		return
	}
	if o, ok := opener(s, v); ok && o == end-1 { // a nested value opens; its lines follow
		return
	}
	sc.replace(v, end, whole)
}

// keyEnd finds the key on an inner line of a block (`"key": `, `key: `, `'key' => `): it
// returns where the key ends and where the value starts, both from when there is no key.
func keyEnd(s string, from, end int) (key, value int) {
	s = s[:end] // the line's value ends here; nothing after it belongs to the key
	k := from
	switch {
	case k < end && isName(s[k]):
		for k < end && isName(s[k]) {
			k++
		}
	case k < end && (s[k] == '"' || s[k] == '\'' || s[k] == '\\'):
		level := 0
		for k+level < end && s[k+level] == '\\' {
			level++
		}
		if k+level == end {
			return from, from
		}
		k, _ = endString(s, k+level+1, s[k+level], level)
	default:
		return from, from
	}
	p := skipBlank(s, k)
	switch {
	case strings.HasPrefix(s[p:], "=>"):
		return k, skipBlank(s, p+2)
	case p < end && s[p] == ':':
		return k, skipBlank(s, p+1)
	}
	return from, from
}

// keyQuote is the quote that ends just before i: ', or " after the backslashes that escape
// it (\" for a key of JSON inside a JSON string); "" when there is none.
func keyQuote(s string, i int) string {
	if i == 0 {
		return ""
	}
	switch s[i-1] {
	case '\'':
		return "'"
	case '"':
		k := i - 1
		for k > 0 && s[k-1] == '\\' {
			k--
		}
		return s[k:i]
	}
	return ""
}

// endString finds the quote c that closes a string whose contents start at from. The string
// is JSON escaped level times: its quotes are c after level backslashes, and a quote after
// r backslashes closes it when r mod 2^(level+1) = 2^level-1 (level 0: an even number, so
// the quote is not itself escaped). It returns the index after the closing quote and true,
// or the end of the line and false.
func endString(s string, from int, c byte, level int) (int, bool) {
	period := 2 * (level + 1)
	for k := from; k < len(s); k++ {
		switch s[k] {
		case '\n':
			return k, false
		case c:
			r := 0
			for k-r-1 >= from && s[k-r-1] == '\\' {
				r++
			}
			if r%period == level {
				return k + 1, true
			}
		}
	}
	return len(s), false
}

// opener finds the bracket that starts an object or array value at v: { or [, maybe after a
// type name as Jest and console.log print them (Object {, Array [, Map(2) {).
func opener(s string, v int) (int, bool) {
	k := v
	for k < len(s) && ('a' <= s[k]|0x20 && s[k]|0x20 <= 'z') {
		k++
	}
	if k > v {
		if k < len(s) && s[k] == '(' {
			for k++; k < len(s) && '0' <= s[k] && s[k] <= '9'; k++ {
			}
			if k == len(s) || s[k] != ')' {
				return 0, false
			}
			k++
		}
		if k == len(s) || s[k] != ' ' {
			return 0, false
		}
		k++
	}
	if k < len(s) && (s[k] == '{' || s[k] == '[') {
		return k, true
	}
	return 0, false
}

// typeName reports whether w is how Jest or console.log name a value before its brackets.
func typeName(w string) bool {
	if n := strings.IndexByte(w, '('); n > 0 {
		w = w[:n]
	}
	switch w {
	case "Object", "Array", "Map", "Set":
		return true
	}
	return false
}

// balanced returns the index after the bracket that closes the one at o, skipping strings
// (JSON strings escaped level times, and '-quoted ones at level 0), and whether it was found.
func balanced(s string, o, level int) (int, bool) {
	depth := 0
	period := 2 * (level + 1)
	for k := o; k < len(s); k++ {
		switch c := s[k]; c {
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return k + 1, true
			}
		case '"', '\'':
			r := 0
			for k-r-1 >= o && s[k-r-1] == '\\' {
				r++
			}
			if c == '"' && r%period == level || c == '\'' && level == 0 && r%2 == 0 {
				end, _ := endString(s, k+1, c, level)
				k = end - 1
			}
		}
	}
	return len(s), false
}

// bareEnd is where a bare value that starts at v ends: before the first byte of stop, or for
// a URL parameter also before punctuation that ends a sentence ("connect ws://h/?token=x:
// refused"; inside a URL these may be part of a value, so only when a blank or the end of
// the text follows). Values scanned again share their end with the value they are in, so it
// is remembered: scanning stays linear when many keys sit in one long hidden value.
func (sc *scanner) bareEnd(v int, stop string, url bool) int {
	if m := sc.memo; m.stop == stop && m.from <= v && v < m.raw {
		return m.end
	}
	s := sc.s
	e := v
	for e < len(s) && strings.IndexByte(stop, s[e]) < 0 {
		if url && strings.IndexByte(",:.;)", s[e]) >= 0 {
			k := e
			for k < len(s) && strings.IndexByte(",:.;)", s[k]) >= 0 {
				k++
			}
			if k == len(s) || strings.IndexByte(" \t\r\n", s[k]) >= 0 {
				break
			}
			e = k
			continue
		}
		e++
	}
	end := e
	for end > v && (s[end-1] == ' ' || s[end-1] == '\t') {
		end--
	}
	sc.memo = bareSpan{stop: stop, from: v, raw: e, end: end}
	return end
}

// indent is how far a line's content starts: spaces, tabs, and the -/+ of a diff line.
func indent(line string) int {
	n := 0
	for n < len(line) && strings.IndexByte(" \t+-", line[n]) >= 0 {
		n++
	}
	return n
}

func skipBlank(s string, k int) int {
	for k < len(s) && (s[k] == ' ' || s[k] == '\t') {
		k++
	}
	return k
}

func lineEnd(s string, k int) int {
	if n := strings.IndexByte(s[k:], '\n'); n >= 0 {
		return k + n
	}
	return len(s)
}

// blankLine reports whether s holds only blanks up to its first line break. It reads no
// further than the first other byte, so a long line costs nothing per value on it.
func blankLine(s string) bool {
	k := 0
	for k < len(s) && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r') {
		k++
	}
	return k == len(s) || s[k] == '\n'
}
