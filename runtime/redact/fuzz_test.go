package redact

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// FuzzRedact checks that no secret survives: a generated document (JSON, pretty JSON, JSON
// escaped once or twice, console.log's form with a Map or a JSON string in it, Jest's diff, a
// URL, a form body, headers) holds
// a secret under a secret name at a random depth and position, between fuzzed text. The
// secret must be gone from the output; when the surrounding text is plain, every non-secret
// value must still be there. The seeds run with go test; to search further:
//
//	go test ./runtime/redact -run '^$' -fuzz FuzzRedact -fuzztime 60s
func FuzzRedact(f *testing.F) {
	for i := range 64 {
		f.Add(uint64(i), "text before", "after")
	}
	f.Add(uint64(7), `{"token":`, `"}`)
	f.Add(uint64(9), "  \"auth\": {", "}")
	f.Add(uint64(11), `\"`, `'`)
	f.Add(uint64(12), "token=", "&")
	r, err := New([]string{"x-custom"})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, seed uint64, before, after string) {
		g := &gen{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
		doc := g.document()
		for _, v := range append(append([]string(nil), g.secrets...), g.keeps...) {
			if strings.Contains(before, v) || strings.Contains(after, v) {
				t.Skip("the fuzzed text holds a generated value")
			}
		}
		sep := []string{" ", "\n", " | "}
		text := before + sep[g.rng.IntN(3)] + doc + sep[g.rng.IntN(3)] + after
		got := r.redact(text)
		for _, s := range g.secrets {
			if strings.Contains(got, s) {
				t.Fatalf("secret %s survived in\n%s\nredacted:\n%s", s, text, got)
			}
		}
		if !r.plain(before) || !r.plain(after) {
			return
		}
		for _, k := range g.keeps {
			if !strings.Contains(got, k) {
				t.Fatalf("non-secret %s was lost from\n%s\nredacted:\n%s", k, text, got)
			}
		}
	})
}

// plain reports whether text is letters, digits and spaces without a secret name, so it
// cannot make the redactor hide a neighbour.
func (r *Redactor) plain(text string) bool {
	for _, w := range strings.Fields(text) {
		if j, secret := r.nameAt(w, 0); secret && j == len(w) {
			return false
		}
		for i := 0; i < len(w); i++ {
			if !isName(w[i]) || w[i] == '-' || w[i] == '_' {
				return false
			}
		}
	}
	return !strings.ContainsAny(text, "\t\r\n\v\f")
}

// gen builds documents; secrets are values that must be hidden, keeps values that must not.
type gen struct {
	rng     *rand.Rand
	secrets []string
	keeps   []string
}

// node is a value: an object (keys and vals), an array (vals), or a leaf (text, already
// in the form every format prints it: a number, true, or a string without quotes).
type node struct {
	keys  []string
	vals  []*node
	array bool
	leaf  string
	str   bool // the leaf is a string
}

func (g *gen) token(prefix string, n int) string {
	const alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	b := []byte(prefix)
	for range n {
		b = append(b, alnum[g.rng.IntN(len(alnum))])
	}
	return string(b)
}

// secretName is one of the names, spelt as code spells it: any case, camelCase, kebab-case.
func (g *gen) secretName() string {
	names := append(append([]string(nil), Names...), "x-custom")
	name := names[g.rng.IntN(len(names))]
	switch g.rng.IntN(4) {
	case 0:
		name = strings.ToUpper(name)
	case 1:
		parts := strings.FieldsFunc(name, func(r rune) bool { return r == '_' || r == '-' })
		for i := 1; i < len(parts); i++ {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
		name = strings.Join(parts, "")
	case 2:
		name = strings.ReplaceAll(name, "_", "-")
	}
	return name
}

var plainNames = []string{"user", "type", "id", "room", "data", "items", "text", "n", "tokens", "token_type", "my_secret", "authorized", "x-room"}

func (g *gen) keep() *node {
	if g.rng.IntN(3) == 0 {
		k := fmt.Sprint(1_000_000_000 + g.rng.IntN(1_000_000_000))
		g.keeps = append(g.keeps, k)
		return &node{leaf: k}
	}
	k := g.token("K", 13)
	g.keeps = append(g.keeps, k)
	return &node{leaf: k, str: true}
}

// secretValue is what goes under a secret name: a string, a number, or a whole object or
// array with secrets inside (none of its values is a keep: all of it is to be hidden).
func (g *gen) secretValue(leafOnly bool) *node {
	n := g.rng.IntN(5)
	if leafOnly {
		n = 0
	}
	switch n {
	case 1:
		s := fmt.Sprint(100_000_000_000_000 + g.rng.Int64N(800_000_000_000_000))
		g.secrets = append(g.secrets, s)
		return &node{leaf: s}
	case 2:
		inner := g.secretValue(true)
		return &node{keys: []string{"user"}, vals: []*node{inner}}
	case 3:
		return &node{array: true, vals: []*node{g.secretValue(true), g.secretValue(true)}}
	}
	s := g.token("S", 15)
	g.secrets = append(g.secrets, s)
	return &node{leaf: s, str: true}
}

// object builds an object with a secret at depth levels below it, and keeps around it.
func (g *gen) object(depth int) *node {
	o := &node{}
	add := func(k string, v *node) {
		at := g.rng.IntN(len(o.keys) + 1)
		o.keys = append(o.keys[:at], append([]string{k}, o.keys[at:]...)...)
		o.vals = append(o.vals[:at], append([]*node{v}, o.vals[at:]...)...)
	}
	for range g.rng.IntN(3) {
		add(plainNames[g.rng.IntN(len(plainNames))], g.keep())
	}
	if depth == 0 {
		add(g.secretName(), g.secretValue(false))
		return o
	}
	child := g.object(depth - 1)
	if g.rng.IntN(3) == 0 {
		child = &node{array: true, vals: []*node{g.keep(), child}}
	}
	add(plainNames[g.rng.IntN(len(plainNames))], child)
	return o
}

// document renders a generated value in one of the shapes output holds.
func (g *gen) document() string {
	switch g.rng.IntN(12) {
	case 9:
		return "{ raw: '" + g.object(g.rng.IntN(3)).json() + "', n: 1 }"
	case 10:
		return quote(g.object(g.rng.IntN(3)).pretty("", "", false))
	case 11:
		return "Map(2) { 'room' => '" + g.keep().leaf + "', '" + g.secretName() + "' => " + g.secretValue(false).inspect() + " }"
	case 0:
		return g.object(g.rng.IntN(4)).json()
	case 1:
		return g.object(g.rng.IntN(4)).pretty("", "", false)
	case 2:
		return quote(g.object(g.rng.IntN(4)).json())
	case 3:
		return quote(quote(g.object(g.rng.IntN(3)).json()))
	case 4:
		return g.object(g.rng.IntN(4)).inspect()
	case 5:
		return g.diff()
	case 6:
		return g.query("wss://example.test:8443/chat?", "&") + "#top"
	case 7:
		return g.query("", "&")
	}
	return g.headers()
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func (n *node) json() string {
	switch {
	case n.keys != nil:
		return n.list("{", ",", "}", func(i int) string { return quote(n.keys[i]) + ":" + n.vals[i].json() })
	case n.array:
		return n.list("[", ",", "]", func(i int) string { return n.vals[i].json() })
	case n.str:
		return quote(n.leaf)
	}
	return n.leaf
}

// list writes n's entries, each as item(i) gives it, between open and close.
func (n *node) list(open, sep, close string, item func(i int) string) string {
	parts := make([]string, len(n.vals))
	for i := range n.vals {
		parts[i] = item(i)
	}
	return open + strings.Join(parts, sep) + close
}

// pretty is JSON.stringify(v, null, 2), or with jest set Jest's form (Object {, trailing
// commas); marker starts every line, as the -/+ of a diff.
func (n *node) pretty(marker, indent string, jest bool) string {
	open, close := "{", "}"
	if n.array {
		open, close = "[", "]"
	}
	if jest && n.array {
		open = "Array ["
	} else if jest && n.keys != nil {
		open = "Object {"
	}
	if n.keys == nil && !n.array {
		return n.json()
	}
	var b strings.Builder
	b.WriteString(open + "\n")
	for i, v := range n.vals {
		b.WriteString(marker + indent + "  ")
		if n.keys != nil {
			b.WriteString(quote(n.keys[i]) + ": ")
		}
		b.WriteString(v.pretty(marker, indent+"  ", jest))
		if jest || i < len(n.vals)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString(marker + indent + close)
	return b.String()
}

// inspect is console.log's form of a value.
func (n *node) inspect() string {
	switch {
	case n.keys != nil:
		return n.list("{ ", ", ", " }", func(i int) string {
			k := n.keys[i]
			if strings.Contains(k, "-") {
				k = "'" + k + "'"
			}
			return k + ": " + n.vals[i].inspect()
		})
	case n.array:
		return n.list("[ ", ", ", " ]", func(i int) string { return n.vals[i].inspect() })
	case n.str:
		return "'" + n.leaf + "'"
	}
	return n.leaf
}

// diff is Jest's diff of two documents that differ in one key: each line marked - or +,
// common lines with two spaces.
func (g *gen) diff() string {
	o := g.object(g.rng.IntN(3))
	lines := strings.Split(o.pretty("", "", true), "\n")
	markers := []string{"  ", "- ", "+ "}
	for i := range lines {
		lines[i] = markers[g.rng.IntN(3)] + lines[i]
	}
	return "- Expected  - 1\n+ Received  + 1\n\n" + strings.Join(lines, "\n")
}

// query is a URL query or form body of plain and secret parameters.
func (g *gen) query(prefix, join string) string {
	var parts []string
	for range g.rng.IntN(3) {
		parts = append(parts, "room="+g.keep().leaf)
	}
	at := g.rng.IntN(len(parts) + 1)
	secret := g.secretName() + "=" + g.secretValue(true).leaf
	parts = append(parts[:at], append([]string{secret}, parts[at:]...)...)
	return prefix + strings.Join(parts, join)
}

// headers are HTTP header lines, as a handshake error could show them.
func (g *gen) headers() string {
	var lines []string
	for range g.rng.IntN(3) {
		lines = append(lines, "X-Room: "+g.keep().leaf)
	}
	var secret string
	switch s := g.secretValue(true).leaf; g.rng.IntN(3) {
	case 0:
		secret = "Authorization: Bearer " + s
	case 1:
		secret = "cookie: sid=" + s + "; theme=dark"
	default:
		secret = g.secretName() + ": " + s
	}
	at := g.rng.IntN(len(lines) + 1)
	lines = append(lines[:at], append([]string{secret}, lines[at:]...)...)
	return strings.Join(lines, "\n")
}
