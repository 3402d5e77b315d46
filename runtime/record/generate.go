package record

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/wsrun/wsrun/runtime/redact"
	"github.com/wsrun/wsrun/runtime/report"
	"github.com/wsrun/wsrun/transport"
)

// GenerateOptions configures Generate.
type GenerateOptions struct {
	// Redactor names the secrets (SPEC 9): secret headers, query parameters
	// and JSON fields a client sent become process.env lookups, secret
	// fields the server sent are matched by type, and secrets in other text
	// are written as [REDACTED]. Nil writes everything as recorded.
	Redactor *redact.Redactor
}

// maxBinaryMatch is the largest binary message matched byte for byte; a
// longer one is matched as any Uint8Array.
const maxBinaryMatch = 256

// notWritten are request headers a browser adds on its own, which the
// proxy forwards but the test does not repeat.
var notWritten = map[string]bool{
	"User-Agent": true, "Accept-Encoding": true, "Accept-Language": true, "Cache-Control": true,
	"Pragma": true, "Dnt": true, "Sec-Gpc": true, "Origin": true, // Origin is the origin option
}

// Counts returns the number of connections and of messages each way.
func (rec Recording) Counts() (conns, sent, received int) {
	for _, e := range rec.Events {
		switch e.Kind {
		case Sent:
			sent++
		case Received:
			received++
		}
	}
	return len(rec.Conns), sent, received
}

// Generate writes rec as a wsrun test file: one test in which each recorded
// client is a connection (client1, client2, …) that sends what the client
// sent and expects what the server answered, in the order the proxy saw it
// across connections.
func Generate(rec Recording, opts GenerateOptions) []byte {
	g := &generator{red: opts.Redactor, echoes: make([]map[string]bool, len(rec.Conns)), refs: map[string]ref{}}
	var b strings.Builder
	conns, sent, received := rec.Counts()
	fmt.Fprintf(&b, "// Recorded by `wsrun record` from %s: %s, %s sent, %s received.\n",
		g.red.String(rec.Target), report.Plural(conns, "connection"), report.Plural(sent, "message"), report.Plural(received, "message"))
	b.WriteString("// Run it with `wsrun FILE`; WSRUN_TARGET=ws://host:port points it at another server.\n")
	b.WriteString("// Values the server seemed to generate (ids, times, UUIDs, tokens) are matched by type;\n")
	b.WriteString("// the comment beside each says what was recorded.\n")
	if rec.Unrecorded > 0 {
		fmt.Fprintf(&b, "// The recording was full: the %s relayed after it are not in this test.\n", report.Plural(rec.Unrecorded, "message"))
	}
	b.WriteString("import { test, expect } from 'wsrun';\nimport ws from 'wsrun/ws';\n\n")
	fmt.Fprintf(&b, "const target = (process.env.WSRUN_TARGET ?? %s).replace(/\\/$/, '');\n\n", jsString(strings.TrimSuffix(rec.Target, "/")))
	b.WriteString("test('recorded session', async () => {\n")
	if len(rec.Events) == 0 {
		b.WriteString("  // Nothing was recorded: no client connected through the proxy.\n")
	}
	for _, e := range rec.Events {
		name := "client" + strconv.Itoa(e.Conn+1)
		switch e.Kind {
		case Opened:
			g.connect(g.text(), name, rec.Conns[e.Conn])
			g.echoes[e.Conn] = map[string]bool{}
		case Sent:
			g.send(name, e)
		case Received:
			g.expect(name, e)
		case ClientClosed:
			switch e.Code {
			case 1006:
				fmt.Fprintf(g.text(), "  // %s went away without a close frame.\n", name)
			case 1005:
				fmt.Fprintf(g.text(), "  await %s.close(); // the client's close frame had no code\n", name)
			default:
				reason := ""
				if e.Reason != "" {
					reason = ", " + jsString(g.red.String(e.Reason))
				}
				fmt.Fprintf(g.text(), "  await %s.close(%d%s);\n", name, e.Code, reason)
			}
		case ServerClosed:
			comment := ""
			if e.Reason != "" {
				comment = " // recorded reason: " + jsString(g.red.String(e.Reason))
			}
			if e.Code == 1006 {
				comment = " // the server went away without a close frame"
			}
			fmt.Fprintf(g.text(), "  await %s.expectClose({ code: %d });%s\n", name, e.Code, comment)
		}
	}
	captures := 0
	for _, c := range g.chunks {
		if c.captured {
			captures++
			c.capture = "msg" + strconv.Itoa(captures)
		}
	}
	for _, c := range g.chunks {
		if c.arg == nil {
			b.WriteString(c.text.String())
			continue
		}
		prefix := c.prefix
		if c.capture != "" {
			prefix = "const " + c.capture + " = " + prefix
		}
		c.arg.write(&b, "  ", prefix, ");")
	}
	b.WriteString("});\n")
	return []byte(b.String())
}

type generator struct {
	red *redact.Redactor
	// echoes holds, per connection, the strings and numbers its client sent:
	// the server repeating one of them is not generating it.
	echoes []map[string]bool
	// chunks is the test's body: text, and the expects of JSON messages, which
	// are written last since a later line may need the message in a variable.
	chunks []*chunk
	// refs are the generated values the server sent that identify something
	// (UUIDs, hex ids, tokens), by "s:"+value: a client sending one back, or
	// the server repeating it, refers to the message it came in.
	refs map[string]ref
}

// chunk is plain text, or a statement prefix(arg); written once the
// variables are named.
type chunk struct {
	text     strings.Builder
	arg      *node // the argument of prefix(…); nil for text
	prefix   string
	captured bool   // a later line refers to the expected message
	capture  string // its variable, named in order of appearance
}

// ref is where a generated value was: the expect of chunk c, at the JS path.
type ref struct {
	c    *chunk
	path string
}

// refNode is the value at r in the replay, which puts the expected message
// in a variable.
func refNode(r ref, comment string) *node {
	r.c.captured = true
	return &node{ref: &r, comment: comment}
}

// text returns the builder plain lines go to.
func (g *generator) text() *strings.Builder {
	if n := len(g.chunks); n > 0 && g.chunks[n-1].arg == nil {
		return &g.chunks[n-1].text
	}
	c := &chunk{}
	g.chunks = append(g.chunks, c)
	return &c.text
}

func (g *generator) connect(b *strings.Builder, name string, c Connection) {
	path, query := g.splitQuery(c.Path)
	if path == "/" {
		path = ""
	}
	opts := &node{obj: true, kids: []kid{{key: "name", n: &node{text: jsString(name)}}}}
	if len(c.Protocols) > 0 {
		l := &node{list: true}
		for _, p := range c.Protocols {
			l.kids = append(l.kids, kid{n: &node{text: jsString(p)}})
		}
		opts.kids = append(opts.kids, kid{key: "protocols", n: l})
	}
	if o := c.Headers.Get("Origin"); o != "" {
		opts.kids = append(opts.kids, kid{key: "origin", n: &node{text: jsString(o)}})
	}
	if h := g.headers(c.Headers); h != nil {
		opts.kids = append(opts.kids, kid{key: "headers", n: h})
	}
	if query != nil {
		opts.kids = append(opts.kids, kid{key: "query", n: query})
	}
	if c.Compression {
		opts.kids = append(opts.kids, kid{key: "compression", n: &node{text: "true"}})
	}
	if c.Protocol != "" {
		fmt.Fprintf(b, "  // The server chose the subprotocol %s.\n", jsString(c.Protocol))
	}
	url := "target"
	if path != "" {
		url += " + " + jsString(path)
	}
	opts.write(b, "  ", "const "+name+" = await ws.connect("+url+", ", ");")
}

// splitQuery keeps the query parameters of uri that are not secret in the
// URL and returns the secret ones as a query option of env lookups.
func (g *generator) splitQuery(uri string) (string, *node) {
	path, raw, ok := strings.Cut(uri, "?")
	if !ok {
		return path, nil
	}
	var keep []string
	var q *node
	for _, p := range strings.Split(raw, "&") {
		k, _, _ := strings.Cut(p, "=")
		if g.red.Secret(k) {
			if name, err := url.QueryUnescape(k); err == nil {
				k = name // %74oken: the query option encodes it again
			}
			if q == nil {
				q = &node{obj: true}
			}
			q.kids = append(q.kids, kid{key: k, n: g.secret(k)})
			continue
		}
		keep = append(keep, p)
	}
	if len(keep) > 0 {
		path += "?" + strings.Join(keep, "&")
	}
	return path, q
}

func (g *generator) headers(h http.Header) *node {
	keys := make([]string, 0, len(h))
	for k := range h {
		if !notWritten[k] && !strings.HasPrefix(k, "Sec-Fetch-") && !strings.HasPrefix(k, "Sec-Ch-") {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	sort.Strings(keys)
	n := &node{obj: true}
	for _, k := range keys {
		name := strings.ToLower(k)
		if g.red.Secret(k) {
			n.kids = append(n.kids, kid{key: name, n: g.secret(k)})
		} else {
			v := strings.Join(h[k], ", ")
			n.kids = append(n.kids, kid{key: name, n: g.redactedText(v)})
		}
	}
	return n
}

var envNameRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[^A-Z0-9]+`) })

// redactedText is the literal of a recorded text, with the secrets in it (a URL's token
// parameter, a password=…, a JSON text's secret field) written as [REDACTED], as every other
// output writes them.
func (g *generator) redactedText(v string) *node {
	if r := g.red.String(v); r != v {
		return &node{text: jsString(r), comment: "secrets in the recorded text were redacted"}
	}
	return &node{text: jsString(v)}
}

// secretPattern matches a recorded text whose secrets were redacted: the text around them
// as it was, any text where each secret was.
func secretPattern(redacted string) string {
	parts := strings.Split(redacted, redact.Mark)
	for i, p := range parts {
		parts[i] = regexpSource(p)
	}
	return "expect.stringMatching(/^" + strings.Join(parts, `[\s\S]*`) + "$/)"
}

// regexpSource is s as the source of a JS regular expression literal that matches s.
func regexpSource(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case strings.ContainsRune(`\^$.*+?()[]{}|/`, r):
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\u2028' || r == '\u2029' || r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// secretJSON is the expression a recorded secret named name is written as when it is not
// a string (a number, an object): its JSON is read from the environment.
func (g *generator) secretJSON(name string) *node {
	env := secretEnv(name)
	return &node{
		text:    "JSON.parse(process.env." + env + " ?? " + jsString(strconv.Quote(redact.Mark)) + ")",
		comment: "recorded value redacted; set " + env + " to its JSON to send the real one",
	}
}

// secretEnv is the environment variable the value of a secret named name is read from.
func secretEnv(name string) string {
	return "WSRUN_" + strings.Trim(envNameRE().ReplaceAllString(strings.ToUpper(name), "_"), "_")
}

// secret is the expression a recorded secret named name is written as.
func (g *generator) secret(name string) *node {
	env := secretEnv(name)
	return &node{
		text:    "process.env." + env + " ?? " + jsString(redact.Mark),
		comment: "recorded value redacted; set " + env + " to send the real one",
	}
}

func (g *generator) send(name string, e Event) {
	b := g.text()
	if e.Type == transport.Binary {
		fmt.Fprintf(b, "  %s.send(%s);\n", name, bytesLiteral(e.Data))
		return
	}
	if v, ok := parseJSON(e.Data); ok {
		n, changed := g.sentValue("", v)
		g.remember(e.Conn, v)
		if changed || faithful(e.Data) {
			g.chunks = append(g.chunks, &chunk{arg: n, prefix: name + ".send("})
			return
		}
	}
	g.echoes[e.Conn]["s:"+string(e.Data)] = true
	text := g.red.String(string(e.Data))
	comment := ""
	if text != string(e.Data) {
		comment = " // secrets in the recorded text were redacted"
	}
	fmt.Fprintf(b, "  %s.send(%s);%s\n", name, jsString(text), comment)
}

// sentValue renders a value a client sent: as it was, but with secret fields
// read from the environment and values the server generated read from the
// message they came in. changed reports whether there were any.
func (g *generator) sentValue(key string, v any) (n *node, changed bool) {
	switch v.(type) {
	case object, number, bool: // the redactor hides any value under a secret name
		if g.red.Secret(key) {
			return g.secretJSON(key), true
		}
	}
	switch v := v.(type) {
	case object:
		n = &node{obj: true}
		for _, m := range v {
			kn, c := g.sentValue(m.key, m.val)
			changed = changed || c
			n.kids = append(n.kids, kid{key: m.key, n: kn})
		}
		return n, changed
	case array:
		n = &node{list: true}
		for _, el := range v {
			kn, c := g.sentValue(key, el)
			changed = changed || c
			n.kids = append(n.kids, kid{n: kn})
		}
		return n, changed
	case string:
		if r, ok := g.refs["s:"+v]; ok {
			return refNode(r, "what the server sent earlier"), true
		}
		if g.red.Secret(key) {
			return g.secret(key), true
		}
		if n := g.redactedText(v); n.comment != "" {
			return n, true
		}
	}
	return &node{text: scalar(v)}, false
}

func (g *generator) remember(conn int, v any) {
	switch v := v.(type) {
	case object:
		for _, m := range v {
			g.remember(conn, m.val)
		}
	case array:
		for _, el := range v {
			g.remember(conn, el)
		}
	case string:
		g.echoes[conn]["s:"+v] = true
	case number:
		g.echoes[conn]["n:"+string(v)] = true
	}
}

func (g *generator) expect(name string, e Event) {
	if v, ok := parseJSON(e.Data); ok && e.Type == transport.Text {
		c := &chunk{prefix: "await " + name + ".expect("}
		g.chunks = append(g.chunks, c)
		c.arg = g.matcher(e.Conn, c, "", "", v)
		return
	}
	b := g.text()
	if e.Type == transport.Binary {
		if len(e.Data) > maxBinaryMatch {
			fmt.Fprintf(b, "  await %s.expect(expect.any(Uint8Array)); // recorded %d bytes\n", name, len(e.Data))
		} else {
			fmt.Fprintf(b, "  await %s.expect(%s);\n", name, bytesLiteral(e.Data))
		}
		return
	}
	text := g.red.String(string(e.Data))
	if text != string(e.Data) {
		fmt.Fprintf(b, "  await %s.expect(expect.any(String)); // recorded %s, which held a secret\n", name, jsString(shorten(text)))
		return
	}
	fmt.Fprintf(b, "  await %s.expect(%s);\n", name, jsString(text))
}

// matcher renders a value the server sent, at path in the message of chunk c,
// as a matcher: generated-looking and secret values become expect.any(...),
// or the earlier message they came in; the rest stays literal.
func (g *generator) matcher(conn int, c *chunk, key, path string, v any) *node {
	if g.red.Secret(key) { // the redactor hides any value under a secret name
		switch v.(type) {
		case object:
			return &node{text: "expect.any(Object)", comment: "recorded value redacted"}
		case number:
			return &node{text: "expect.any(Number)", comment: "recorded value redacted"}
		case bool:
			return &node{text: "expect.any(Boolean)", comment: "recorded value redacted"}
		}
	}
	switch v := v.(type) {
	case object:
		n := &node{obj: true}
		for _, m := range v {
			p := path + "." + m.key
			if !identRE().MatchString(m.key) {
				p = path + "[" + jsString(m.key) + "]"
			}
			n.kids = append(n.kids, kid{key: m.key, n: g.matcher(conn, c, m.key, p, m.val)})
		}
		return n
	case array:
		n := &node{list: true}
		for i, el := range v {
			n.kids = append(n.kids, kid{n: g.matcher(conn, c, key, path+"["+strconv.Itoa(i)+"]", el)})
		}
		return n
	case string:
		if r, ok := g.refs["s:"+v]; ok {
			return refNode(r, "the same as before")
		}
		if g.red.Secret(key) {
			if len(v) >= minRefLen {
				g.refs["s:"+v] = ref{c: c, path: path}
			}
			return &node{text: "expect.any(String)", comment: "recorded value redacted"}
		}
		if r := g.red.String(v); r != v { // a URL with its token, say, which a client may send back
			if len(v) >= minRefLen {
				g.refs["s:"+v] = ref{c: c, path: path}
			}
			return &node{text: secretPattern(r), comment: "recorded value held a secret"}
		}
		if g.echoes[conn]["s:"+v] {
			break
		}
		if what, ok := generated(key, v); ok {
			if identifies(what, v) {
				g.refs["s:"+v] = ref{c: c, path: path}
			}
			return &node{text: "expect.any(String)", comment: "recorded " + jsString(shorten(v)) + " (" + what + ")"}
		}
	case number:
		if g.echoes[conn]["n:"+string(v)] {
			break
		}
		if what, ok := generated(key, v); ok {
			return &node{text: "expect.any(Number)", comment: "recorded " + string(v) + " (" + what + ")"}
		}
	}
	return &node{text: scalar(v)}
}

// minRefLen is the shortest generated string taken to identify something:
// shorter ones ("u1") recur by chance.
const minRefLen = 8

// identifies reports whether a generated string of this kind names one thing,
// so that the same string later means the same thing. Times do not: two
// messages may carry the same millisecond by chance.
func identifies(what, v string) bool {
	switch what {
	case "a UUID", "a hex string", "a token":
		return true
	case "an id":
		return len(v) >= minRefLen
	}
	return false
}

func scalar(v any) string {
	switch v := v.(type) {
	case string:
		return jsString(v)
	case number:
		return string(v)
	case bool:
		return strconv.FormatBool(v)
	}
	return "null"
}

// jsNumberRE is a number literal that JSON.stringify writes back the same.
var jsNumberRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^-?(0|[1-9][0-9]{0,14})(\.[0-9]*[1-9])?$`) })

// faithful reports whether JSON.stringify of the parsed text gives back the
// text: then the test sends an object, which reads better than its text.
func faithful(data []byte) bool {
	var c bytes.Buffer
	if json.Compact(&c, data) != nil || !bytes.Equal(c.Bytes(), data) || bytes.Contains(data, []byte(`\u`)) || bytes.Contains(data, []byte(`\/`)) {
		return false
	}
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	for {
		tok, err := d.Token()
		if err != nil {
			return true
		}
		if n, ok := tok.(json.Number); ok && !jsNumberRE().MatchString(string(n)) {
			return false
		}
	}
}

func bytesLiteral(data []byte) string {
	parts := make([]string, len(data))
	for i, c := range data {
		parts[i] = strconv.Itoa(int(c))
	}
	return "new Uint8Array([" + strings.Join(parts, ", ") + "])"
}

// shorten cuts a recorded value for a comment.
func shorten(s string) string {
	const max = 40
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max]) + "…"
}
