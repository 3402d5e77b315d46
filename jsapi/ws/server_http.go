package ws

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/argcheck"
	"github.com/wsrun/wsrun/runtime/eventloop"
)

// maxHTTPBody bounds the request body handed to a script's http handler.
const maxHTTPBody = 1 << 20

type httpAnswer struct {
	status int
	header http.Header
	body   []byte
}

// serveHTTP answers a plain HTTP request with the script's http(req) handler, which runs on
// the loop; this waits for it on the HTTP handler goroutine.
func (s *server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if s.cors && preflight(w, r) {
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxHTTPBody+1))
	if err != nil {
		// The client went away before its body ended (fewer bytes than its Content-Length, a
		// chunk cut short): the handler was given what had arrived as if it were the whole
		// body. It is not called; the transcript says why.
		s.src.Post(func() error {
			s.m.transcribe(TranscriptEntry{Conn: s.name, Server: true, Dir: Note, At: time.Now(),
				Text: fmt.Sprintf("HTTP %s %s: the request body did not arrive whole (%v); http(req) not called", r.Method, r.URL.RequestURI(), err)})
			return nil
		})
		return
	}
	if len(body) > maxHTTPBody {
		// The handler was given the first MiB as if it were the whole body, and a check of
		// what arrived could pass on it. Now the request is refused and the test fails.
		msg := fmt.Sprintf("ws.serve: %s %s: the request body is larger than %d bytes (1 MiB), more than ws.serve hands to http(req)", r.Method, r.URL.RequestURI(), maxHTTPBody)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusRequestEntityTooLarge)
		_, _ = io.WriteString(w, msg)
		s.src.Post(func() error {
			s.m.transcribe(TranscriptEntry{Conn: s.name, Server: true, Dir: Note, At: time.Now(), Text: fmt.Sprintf("HTTP %s %s → %d", r.Method, r.URL.RequestURI(), http.StatusRequestEntityTooLarge)})
			return errors.New(msg)
		})
		return
	}
	answer := make(chan httpAnswer, 1)
	fail := func(reason goja.Value) {
		answer <- httpAnswer{status: http.StatusInternalServerError, body: []byte("the script's http handler failed")}
		s.m.loop.Fail(&eventloop.UnhandledRejection{Reason: reason})
	}
	posted := s.source().Post(func() error {
		req := s.request(r)
		_ = req.Set("method", r.Method)
		_ = req.Set("body", string(body))
		// Parsed as a frame is, into plain JS values: encoding/json's Go maps and slices,
		// wrapped, ignored a push onto an array.
		if len(body) > 0 {
			if parsed, err := s.m.json(string(body)); err == nil {
				_ = req.Set("json", parsed)
			}
		}
		v, err := s.http(goja.Undefined(), req)
		if err != nil {
			answer <- httpAnswer{status: http.StatusInternalServerError, body: []byte("the script's http handler threw")}
			return err
		}
		deliver := func(v goja.Value) error {
			var a httpAnswer
			if err := s.m.readResult(func() { a = s.answerOf(v) }); err != nil {
				answer <- httpAnswer{status: http.StatusInternalServerError, body: []byte("the script's http handler returned an answer that could not be read")}
				return err
			}
			answer <- a
			return nil
		}
		if p, ok := argcheck.Promise(v); ok {
			s.m.then(p, func(v goja.Value) {
				if err := deliver(v); err != nil {
					s.m.loop.Fail(err)
				}
			}, fail)
			return nil
		}
		return deliver(v)
	})
	a := httpAnswer{status: http.StatusServiceUnavailable, body: []byte("server is closing")}
	if posted {
		select {
		case a = <-answer:
		case <-time.After(verifyTimeout):
			a = httpAnswer{status: http.StatusServiceUnavailable, body: []byte("the script's http handler did not answer in time")}
		}
	}
	if s.cors {
		allowOrigin(w.Header(), r)
	}
	for k, vs := range a.header { // the handler's own CORS headers win
		w.Header()[k] = vs
	}
	w.WriteHeader(a.status)
	_, _ = w.Write(a.body)
	s.src.Post(func() error {
		s.m.transcribe(TranscriptEntry{Conn: s.name, Server: true, Dir: Note, At: time.Now(), Text: fmt.Sprintf("HTTP %s %s → %d", r.Method, r.URL.RequestURI(), a.status)})
		return nil
	})
}

// corsMethods are the methods a preflight is told the server allows, besides the one asked for.
const corsMethods = "GET, POST, PUT, PATCH, DELETE, OPTIONS"

// preflight answers a browser's CORS preflight (OPTIONS with Access-Control-Request-Method)
// with 204, allowing the origin, the method and the headers asked for; the script's handler is
// not called, as it was written for the requests themselves. It reports whether r was one.
func preflight(w http.ResponseWriter, r *http.Request) bool {
	method := r.Header.Get("Access-Control-Request-Method")
	if r.Method != http.MethodOptions || method == "" {
		return false
	}
	h := w.Header()
	allowOrigin(h, r)
	methods := corsMethods
	if !slices.Contains(strings.Split(corsMethods, ", "), strings.ToUpper(method)) {
		methods = method + ", " + methods
	}
	h.Set("Access-Control-Allow-Methods", methods)
	if asked := r.Header.Get("Access-Control-Request-Headers"); asked != "" {
		h.Set("Access-Control-Allow-Headers", asked)
		h.Add("Vary", "Access-Control-Request-Headers")
	}
	h.Set("Access-Control-Max-Age", "600")
	w.WriteHeader(http.StatusNoContent)
	return true
}

// allowOrigin lets the request's origin read the response, cookies included (a dev server's
// page may send them): the origin is echoed, as "*" would not allow credentials.
func allowOrigin(h http.Header, r *http.Request) {
	origin := r.Header.Get("Origin")
	if origin == "" {
		h.Set("Access-Control-Allow-Origin", "*")
		return
	}
	h.Set("Access-Control-Allow-Origin", origin)
	h.Set("Access-Control-Allow-Credentials", "true")
	h.Add("Vary", "Origin")
}

// answerOf reads the handler's { status = 200, headers, body }: a string body is sent as is,
// any other value as JSON.
func (s *server) answerOf(v goja.Value) httpAnswer {
	a := httpAnswer{status: http.StatusOK, header: http.Header{}}
	o := asObject(v)
	if o == nil {
		return a
	}
	a.status = s.answerStatus(o, "http(req)", http.StatusOK)
	if h := asObject(optGet(o, "headers")); h != nil {
		for _, k := range h.Keys() {
			a.header.Set(k, h.Get(k).String())
		}
	}
	if b := optGet(o, "body"); b != nil {
		if str, ok := b.Export().(string); ok {
			a.body = []byte(str)
		} else {
			// A body with no JSON form (cyclic, a BigInt, a function, a throwing toJSON) went
			// out as an empty 200, and the test saw nothing of it.
			text, err := s.m.stringify(b)
			if err != nil {
				why := err.Error()
				var jse *eventloop.JSError
				if ex, ok := err.(*goja.Exception); ok {
					why = ex.Value().String()
				} else if errors.As(err, &jse) {
					why = jse.Value.String()
				}
				argcheck.Throw(s.m.vm, "ws.serve: http(req) answered with a body that cannot be sent as JSON: %s", why)
			}
			a.body = []byte(text)
			if a.header.Get("Content-Type") == "" {
				a.header.Set("Content-Type", "application/json")
			}
		}
	}
	return a
}

// answerStatus reads the status of what the script's callback fn (http(req) or verify(req))
// answered, def when it gave none: a whole number from 200 to 599, else a TypeError. Any other
// number made net/http's WriteHeader panic, so the client saw its connection close and the test
// nothing of the mistake (a test expecting fetch to fail passed), and a 1xx went out as an
// interim answer followed by a 200.
func (s *server) answerStatus(o *goja.Object, fn string, def int) int {
	v := optGet(o, "status")
	if v == nil {
		return def
	}
	if !argcheck.Integer.Accepts(v) || v.ToFloat() < 200 || v.ToFloat() > 599 {
		argcheck.Throw(s.m.vm, "ws.serve: %s answered with status %s; a status must be a whole number from 200 to 599", fn, argcheck.Describe(v))
	}
	return int(v.ToInteger())
}
