package web

import (
	"strings"

	"github.com/dop251/goja"
	wurl "github.com/nlnwa/whatwg-url/url"
)

// urlParser is the WHATWG URL Standard's basic URL parser, as browsers run it. goja_nodejs'
// url module was tried first and left out: it wraps net/url, so it keeps "http://a/b/" as
// "http://a/b", gives "[" as the hostname of "http://[::1]:8080", drops the port from origin,
// rejects backslashes and surrounding spaces, and does not put searchParams.append into href.
var urlParser = wurl.NewParser()

// urlState is the parsed URL behind a URL object; url.js keeps it in a private field.
type urlState struct{ u *wurl.Url }

// urlParse parses input against base (undefined: none), as new URL(input, base); null when
// either fails, for url.js to throw the browser's TypeError.
func (h *host) urlParse(input string, baseV goja.Value) goja.Value {
	var base *wurl.Url
	if baseV != nil && !goja.IsUndefined(baseV) {
		b, err := urlParser.Parse(baseV.String())
		if err != nil {
			return goja.Null()
		}
		base = b
	}
	u, err := urlParser.BasicParser(input, base, nil, wurl.NoState)
	if err != nil {
		return goja.Null()
	}
	return h.vm.ToValue(&urlState{u})
}

func (h *host) state(v goja.Value) *urlState {
	if s, ok := v.Export().(*urlState); ok {
		return s
	}
	panic(h.vm.NewTypeError("Illegal invocation"))
}

// urlGet reads one of the URL's parts by its attribute name.
func (h *host) urlGet(sv goja.Value, name string) string {
	u := h.state(sv).u
	switch name {
	case "href":
		return u.Href(false)
	case "origin":
		return origin(u)
	case "protocol":
		return u.Protocol()
	case "username":
		return u.Username()
	case "password":
		return u.Password()
	case "host":
		return u.Host()
	case "hostname":
		return u.Hostname()
	case "port":
		return u.Port()
	case "pathname":
		return u.Pathname()
	case "search":
		return u.Search()
	case "query": // the query without "?", for searchParams
		return u.Query()
	case "hash":
		return u.Hash()
	}
	panic(h.vm.NewTypeError("no URL attribute %s", name))
}

// urlSet runs the setter of one part; false when href is not a valid URL (the setter throws).
// The others ignore what they cannot use, as the standard's setters do.
func (h *host) urlSet(sv goja.Value, name, v string) bool {
	s := h.state(sv)
	u := s.u
	switch name {
	case "href":
		nu, err := urlParser.Parse(v)
		if err != nil {
			return false
		}
		s.u = nu
	case "protocol":
		u.SetProtocol(v)
	case "username":
		u.SetUsername(v)
	case "password":
		u.SetPassword(v)
	case "host":
		u.SetHost(v)
	case "hostname":
		u.SetHostname(v)
	case "port":
		u.SetPort(v)
	case "pathname":
		u.SetPathname(v)
	case "search", "query": // query: searchParams' serialization, "" meaning none
		u.SetSearch(v)
	case "hash":
		u.SetHash(v)
	default:
		panic(h.vm.NewTypeError("no URL attribute %s", name))
	}
	return true
}

// origin is the URL's origin serialized (https://url.spec.whatwg.org/#concept-url-origin):
// scheme://host[:port] for the special network schemes, the inner URL's for blob:, and
// "null" (an opaque origin) for everything else, file: included.
func origin(u *wurl.Url) string {
	switch u.Scheme() {
	case "http", "https", "ws", "wss", "ftp":
		o := u.Scheme() + "://" + u.Hostname()
		if p := u.Port(); p != "" {
			o += ":" + p
		}
		return o
	case "blob":
		if inner, err := urlParser.Parse(u.Pathname()); err == nil && (inner.Scheme() == "http" || inner.Scheme() == "https") {
			return origin(inner)
		}
	}
	return "null"
}

// formParse is application/x-www-form-urlencoded parsing (URLSearchParams' init): an array
// of [name, value], '+' as space, percent-decoded as UTF-8 with U+FFFD for bad bytes.
func (h *host) formParse(s string) *goja.Object {
	var pairs []any
	for _, seq := range strings.Split(s, "&") {
		if seq == "" {
			continue
		}
		name, value, _ := strings.Cut(seq, "=")
		pairs = append(pairs, h.vm.NewArray(formDecode(name), formDecode(value)))
	}
	return h.vm.NewArray(pairs...)
}

func formDecode(s string) string {
	s = strings.ReplaceAll(s, "+", " ")
	if !strings.Contains(s, "%") {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	text, _, _ := decodeUTF8(b, false, false)
	return text
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// formSerialize is the application/x-www-form-urlencoded serializer: UTF-8, every byte but
// ASCII alphanumerics and *-._ percent-encoded, space as '+'. flat is name, value, name, …
func (h *host) formSerialize(flat []string) string {
	var b strings.Builder
	for i := 0; i+1 < len(flat); i += 2 {
		if i > 0 {
			b.WriteByte('&')
		}
		formEncode(&b, flat[i])
		b.WriteByte('=')
		formEncode(&b, flat[i+1])
	}
	return b.String()
}

func formEncode(b *strings.Builder, s string) {
	const hexDigits = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '*', c == '-', c == '.', c == '_':
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&15])
		}
	}
}
