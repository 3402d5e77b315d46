package ws

import (
	"fmt"
	"strings"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/argcheck"
)

// The options objects of the module's functions, as argcheck checks them. The keys are every
// option the function reads; a key missing here would make that option an error.

var parseModes = []string{"auto", "json", "text"}

// sharedKeys are the options of both ws.connect and ws.serve.
var sharedKeys = []argcheck.Key{
	{Name: "name", Kind: argcheck.String},
	{Name: "parse", Kind: argcheck.String, OneOf: parseModes},
	{Name: "compression", Kind: argcheck.Bool},
	{Name: "maxMessageSize", Kind: argcheck.Count},
	{Name: "maxHistory", Kind: argcheck.Count},
	{Name: "maxInbox", Kind: argcheck.Count},
	{Name: "maxBuffered", Kind: argcheck.Count},
	{Name: "protocols", Kind: argcheck.Strings},
}

// endpointOptions builds the options of ws.connect or ws.serve: its own keys, then sharedKeys.
func endpointOptions(fn, example string, own []argcheck.Key) *argcheck.Options {
	return &argcheck.Options{Func: fn, Example: example, Keys: append(own, sharedKeys...)}
}

var connectOptions = endpointOptions("ws.connect", "{ headers: { Authorization: 'Bearer …' }, timeout: 10000 }", []argcheck.Key{
	{Name: "timeout", Kind: argcheck.Duration},
	{Name: "headers", Kind: argcheck.Scalars},
	{Name: "query", Kind: argcheck.Scalars},
	{Name: "origin", Kind: argcheck.String},
	{Name: "insecure", Kind: argcheck.Bool},
	signalKey,
	{Name: "tls", Kind: argcheck.Object, Sub: &argcheck.Options{Func: "ws.connect", Keys: []argcheck.Key{
		{Name: "ca", Kind: argcheck.String},
		{Name: "cert", Kind: argcheck.String},
		{Name: "key", Kind: argcheck.String},
	}}},
})

var serveOptions = endpointOptions("ws.serve", "{ port: 0, path: '/' }", []argcheck.Key{
	{Name: "port", Kind: argcheck.Count},
	{Name: "host", Kind: argcheck.String},
	{Name: "path", Kind: argcheck.String},
	{Name: "verify", Kind: argcheck.Function},
	{Name: "http", Kind: argcheck.Function},
	{Name: "cors", Kind: argcheck.Bool},
})

// signalKey is the { signal } every wait and ws.connect take: an AbortSignal, which
// web.SignalOf checks (argcheck knows objects only).
var signalKey = argcheck.Key{Name: "signal", Kind: argcheck.Signal}

// waitOptions builds the options of a method that takes { timeout, signal }.
func waitOptions(fn string) *argcheck.Options {
	return &argcheck.Options{Func: fn, Example: "{ timeout: 5000 }", Keys: []argcheck.Key{{Name: "timeout", Kind: argcheck.Duration}, signalKey}}
}

var (
	expectOptions           = waitOptions("expect")
	expectNextOptions       = waitOptions("expectNext")
	expectAllOptions        = waitOptions("expectAll")
	requestOptions          = waitOptions("request")
	expectConnectionOptions = waitOptions("expectConnection")
)

// expectNone's window is `within`; `timeout` is taken as the same, the name people reach for.
var expectNoneOptions = &argcheck.Options{Func: "expectNone", Example: "{ within: 1000 }", Keys: []argcheck.Key{
	{Name: "within", Kind: argcheck.Duration},
	{Name: "timeout", Kind: argcheck.Duration},
	signalKey,
}}

var expectCloseOptions = &argcheck.Options{Func: "expectClose", Example: "{ code: 1000 }", Keys: []argcheck.Key{
	{Name: "code", Kind: argcheck.Integer},
	{Name: "reason", Kind: argcheck.StringOrRegExp},
	{Name: "timeout", Kind: argcheck.Duration},
	signalKey,
}}

// eventNames are the events of on(); a bare string given to on() must be one of them.
var eventNames = []string{"message", "close", "error", "ping", "pong"}

// needData throws when send, request or broadcast got nothing to send: JSON has no form for
// undefined, and a forgotten argument should not read as "cannot send undefined".
func (m *Module) needData(fn string, v goja.Value) {
	if v == nil || goja.IsUndefined(v) {
		argcheck.Throw(m.vm, "%s: data must be a string, an ArrayBuffer or typed array, or a value to send as JSON, got undefined", fn)
	}
}

// maxCloseReason is the longest close reason in bytes: a close frame's payload is at most
// 125 bytes (RFC 6455 §5.5), 2 of them the code.
const maxCloseReason = 123

// maxPingPayload is the longest ping payload in bytes (RFC 6455 §5.5).
const maxPingPayload = 125

// checkCloseCode throws unless code may be sent in a close frame: 1000, the codes 1001–1003
// and 1007–1014 that RFC 6455 and the IANA registry define for endpoints to send, or
// 3000–4999 (libraries and applications). 1004–1006 and 1015 must never be sent.
func (m *Module) checkCloseCode(v goja.Value) {
	if !argcheck.Integer.Accepts(v) {
		argcheck.Throw(m.vm, "close: code must be a whole number, 1000 or 3000–4999, got %s", argcheck.Describe(v))
	}
	c := v.ToInteger()
	switch {
	case c == 1000, c >= 1001 && c <= 1003, c >= 1007 && c <= 1014, c >= 3000 && c <= 4999:
		return
	case c == 1004 || c == 1005 || c == 1006 || c == 1015:
		argcheck.Throw(m.vm, "close: code %d is reserved and must not be sent (RFC 6455 §7.4.1); use 1000, or 3000–4999 for your own codes", c)
	default:
		argcheck.Throw(m.vm, "close: code must be 1000 or 3000–4999 (RFC 6455 §7.4.2; 1001–1003 and 1007–1014 are also allowed), got %d", c)
	}
}

// optionsHint is added to a timeout message when the matcher the wait got is an object whose
// only keys are option names of its method, as in expect({ timeout: 500 }): a legal matcher,
// but most likely options written in the matcher's place.
func (m *Module) optionsHint(method string, pattern goja.Value) string {
	var opts *argcheck.Options
	call := method + "(undefined, "
	switch method {
	case "expect":
		opts = expectOptions
	case "expectNext":
		opts = expectNextOptions
	case "request":
		opts, call = requestOptions, "request(data, undefined, "
	default:
		return ""
	}
	var b strings.Builder
	// A Proxy's traps or a getter may throw; a hint is not worth failing the message for.
	if ex := m.vm.Try(func() {
		if !opts.OnlyOptionKeys(pattern) {
			return
		}
		o := pattern.(*goja.Object)
		for i, k := range o.Keys() {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(k + ": " + m.opts.Matcher.Format(o.Get(k)))
		}
	}); ex != nil || b.Len() == 0 {
		return ""
	}
	return fmt.Sprintf(" (did you mean %s{ %s })? the object is used as the matcher)", call, b.String())
}
