package redact

import (
	"fmt"
	"strings"
)

// Mark replaces every secret value.
const Mark = "[REDACTED]"

// Names are the names whose values are redacted by default: SPEC's list, then names that
// carry the same credentials under other spellings, which a test has no use for seeing
// (docs/cli.md, "Secrets").
var Names = []string{
	"token", "access_token", "refresh_token", "id_token", "api_key", "apikey", "secret",
	"client_secret", "password", "passwd", "passcode", "auth", "authorization", "cookie",
	"session", "signature", "sig", "jwt",
	"set-cookie", "proxy-authorization", "x-api-key", "auth_token", "x-auth-token",
	"api_token", "session_token", "private_key",
}

// maxName bounds the names a Redactor compares, so looking one up never allocates.
const maxName = 64

// Redactor replaces the values of secret names in text. The zero value is not useful; a nil
// *Redactor redacts nothing.
type Redactor struct {
	names map[string]bool // normalised: lower case, without '_' and '-'
	// first holds the first bytes of the names and shortest the length of the shortest:
	// most words of a text are ruled out by these before a map lookup.
	first    [256]bool
	shortest int
}

// New returns a Redactor for Names plus extra. An extra name must be made of letters,
// digits, '_' and '-', since only such names are recognised in text.
func New(extra []string) (*Redactor, error) {
	r := &Redactor{names: map[string]bool{}}
	for _, n := range append(append([]string(nil), Names...), extra...) {
		norm, ok := normalise(n)
		if !ok {
			return nil, fmt.Errorf("cannot redact %q: a name is made of letters, digits, _ and - (at most %d)", n, maxName)
		}
		r.names[norm] = true
		c := norm[0]
		r.first[c] = true
		if 'a' <= c && c <= 'z' {
			r.first[c-'a'+'A'] = true
		}
		if r.shortest == 0 || len(norm) < r.shortest {
			r.shortest = len(norm)
		}
	}
	return r, nil
}

// String returns s with the value of every secret name replaced by Mark.
func (r *Redactor) String(s string) (out string) {
	if r == nil || !strings.ContainsAny(s, ":=>") {
		return s
	}
	// Output is redacted on the goroutine that feeds every reporter: a bug here must neither
	// end the run nor let the text through.
	defer func() {
		if recover() != nil {
			out = Mark + " (wsrun failed to redact this text; please report it)"
		}
	}()
	return r.redact(s)
}

// redact is String without its safety net, for the fuzz test to see a panic.
func (r *Redactor) redact(s string) string {
	sc := scanner{r: r, s: s}
	sc.run()
	if sc.out == nil {
		return s
	}
	return string(append(sc.out, s[sc.last:]...))
}

// Bytes is String for a binary payload: text in it (JSON sent in a binary frame, maybe after
// a type byte or a length that is not UTF-8) is redacted as text is; a payload with nothing
// to redact comes back as it is. The result is for showing only: it replaces bytes, not
// characters.
func (r *Redactor) Bytes(b []byte) []byte {
	if r == nil {
		return b
	}
	if s := r.String(string(b)); s != string(b) {
		return []byte(s)
	}
	return b
}

// Strings redacts each of ss in place and returns it.
func (r *Redactor) Strings(ss []string) []string {
	for i, s := range ss {
		ss[i] = r.String(s)
	}
	return ss
}

// Secret reports whether values named name are redacted (false for a nil *Redactor), for
// writers of structured output such as wsrun record, which replace a secret instead of
// redacting text. The name is read as the redactor reads one in text: percent or JSON
// escapes in it are decoded (%74oken), and a form's brackets hold names too (user[password],
// token[]).
func (r *Redactor) Secret(name string) bool {
	if r == nil || name == "" {
		return false
	}
	for i := 0; i < len(name); {
		if n := open(name[i:], false) + closing(name[i:]); n > 0 {
			i += n
			continue
		}
		j, secret := r.nameAt(name, i)
		if j == i || secret && (j == len(name) || open(name[j:], false)+closing(name[j:]) > 0) {
			return secret
		}
		for i = j; i < len(name) && open(name[i:], false)+closing(name[i:]) == 0; i++ {
		}
	}
	return false
}

// nameAt reads the name that starts at s[i]: a run of name characters, some maybe escaped
// (escape). It returns where the name ends and whether it is a secret one. Names are
// compared lower case, without '_' and '-'; one too long to be a secret is only skipped.
func (r *Redactor) nameAt(s string, i int) (int, bool) {
	var buf [2 * maxName]byte
	n, long := 0, false
	j := i
	for j < len(s) {
		c := s[j]
		if isName(c) {
			j++
		} else if k, e := escape(s, j); k > 0 && isName(e) {
			c = e
			j += k
		} else {
			break
		}
		switch {
		case c == '_' || c == '-':
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		if n == len(buf) {
			long = true
			continue
		}
		buf[n] = c
		n++
	}
	if long || n < r.shortest || !r.first[buf[0]] {
		return j, false
	}
	return j, r.names[string(buf[:n])]
}

// normalise is the form names are compared in; ok is false for a name text cannot hold.
func normalise(name string) (string, bool) {
	if len(name) > maxName {
		return "", false
	}
	for i := 0; i < len(name); i++ {
		if !isName(name[i]) {
			return "", false
		}
	}
	n := strings.ToLower(strings.NewReplacer("_", "", "-", "").Replace(name))
	return n, n != ""
}

// isName reports whether c may be part of a name: keys and parameters are runs of these.
func isName(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}
