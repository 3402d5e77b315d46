package ws

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/dop251/goja"
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
	body, _ := io.ReadAll(io.LimitReader(r.Body, maxHTTPBody))
	answer := make(chan httpAnswer, 1)
	fail := func(reason goja.Value) {
		answer <- httpAnswer{status: http.StatusInternalServerError, body: []byte("the script's http handler failed")}
		s.m.loop.Fail(&eventloop.UnhandledRejection{Reason: reason})
	}
	posted := s.src.Post(func() error {
		req := s.request(r)
		_ = req.Set("method", r.Method)
		_ = req.Set("body", string(body))
		var parsed any
		if json.Unmarshal(body, &parsed) == nil {
			_ = req.Set("json", parsed)
		}
		v, err := s.http(goja.Undefined(), req)
		if err != nil {
			answer <- httpAnswer{status: http.StatusInternalServerError, body: []byte("the script's http handler threw")}
			return err
		}
		if p, ok := v.Export().(*goja.Promise); ok {
			s.m.then(p, func(v goja.Value) { answer <- s.answerOf(v) }, fail)
			return nil
		}
		answer <- s.answerOf(v)
		return nil
	})
	a := httpAnswer{status: http.StatusServiceUnavailable, body: []byte("server is closing")}
	if posted {
		select {
		case a = <-answer:
		case <-time.After(verifyTimeout):
			a = httpAnswer{status: http.StatusServiceUnavailable, body: []byte("the script's http handler did not answer in time")}
		}
	}
	for k, vs := range a.header {
		w.Header()[k] = vs
	}
	w.WriteHeader(a.status)
	_, _ = w.Write(a.body)
	s.src.Post(func() error {
		s.m.transcribe(TranscriptEntry{Conn: s.name, Server: true, Dir: Note, At: time.Now(), Text: fmt.Sprintf("HTTP %s %s → %d", r.Method, r.URL.RequestURI(), a.status)})
		return nil
	})
}

// answerOf reads the handler's { status = 200, headers, body }: a string body is sent as is,
// any other value as JSON.
func (s *server) answerOf(v goja.Value) httpAnswer {
	a := httpAnswer{status: http.StatusOK, header: http.Header{}}
	o := asObject(v)
	if o == nil {
		return a
	}
	a.status = int(optInt(o, "status", http.StatusOK))
	if h := asObject(optGet(o, "headers")); h != nil {
		for _, k := range h.Keys() {
			a.header.Set(k, h.Get(k).String())
		}
	}
	if b := optGet(o, "body"); b != nil {
		if str, ok := b.Export().(string); ok {
			a.body = []byte(str)
		} else if text, err := s.m.stringify(b); err == nil {
			a.body = []byte(text)
			if a.header.Get("Content-Type") == "" {
				a.header.Set("Content-Type", "application/json")
			}
		}
	}
	return a
}
