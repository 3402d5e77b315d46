package record

import (
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/wsrun/wsrun/internal/syncbuftest"
)

// upstream is a gorilla server behind the proxy: it echoes every message with its type,
// closes with 4001 "kicked" on the text "close-me", and reports what it saw.
type upstream struct {
	url      string
	requests chan *http.Request
	closes   chan *websocket.CloseError
	pings    chan string
}

func startUpstream(t *testing.T) *upstream {
	t.Helper()
	u := &upstream{requests: make(chan *http.Request, 4), closes: make(chan *websocket.CloseError, 4), pings: make(chan string, 4)}
	up := websocket.Upgrader{Subprotocols: []string{"v2", "v1"}, EnableCompression: true}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer x" {
			http.Error(w, "no entry without a token", http.StatusUnauthorized)
			return
		}
		u.requests <- r
		c, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer c.Close()
		c.SetPingHandler(func(p string) error {
			u.pings <- p
			return c.WriteControl(websocket.PongMessage, []byte(p), time.Now().Add(time.Second))
		})
		for {
			typ, data, err := c.ReadMessage()
			if err != nil {
				var ce *websocket.CloseError
				if errors.As(err, &ce) {
					u.closes <- ce
				}
				return
			}
			if string(data) == "close-me" {
				_ = c.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(4001, "kicked"))
				continue
			}
			if err := c.WriteMessage(typ, data); err != nil {
				return
			}
		}
	}))
	t.Cleanup(srv.Close)
	u.url = "ws" + strings.TrimPrefix(srv.URL, "http") + "/api"
	return u
}

func startProxy(t *testing.T, target string) *Proxy {
	t.Helper()
	return startProxyWith(t, Options{Target: target})
}

func startProxyWith(t *testing.T, opts Options) *Proxy {
	t.Helper()
	opts.Listen = "127.0.0.1:0"
	p, err := Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p
}

func dialProxy(t *testing.T, p *Proxy, path string, h http.Header) (*websocket.Conn, *http.Response, error) {
	t.Helper()
	d := websocket.Dialer{Subprotocols: []string{"v1", "v2"}, EnableCompression: true, HandshakeTimeout: 5 * time.Second}
	c, resp, err := d.Dial(strings.TrimSuffix(p.URL(), "/")+path, h)
	if c != nil {
		t.Cleanup(func() { c.Close() })
		_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	}
	return c, resp, err
}

func TestProxyRelaysFramesUnchanged(t *testing.T) {
	u := startUpstream(t)
	p := startProxy(t, u.url)
	c, resp, err := dialProxy(t, p, "/chat?room=1", http.Header{
		"Authorization": {"Bearer x"}, "X-Custom": {"yes"}, "Proxy-Authorization": {"hop"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := resp.Header.Get("Sec-WebSocket-Protocol"); got != "v2" {
		t.Errorf("subprotocol %q, want the server's choice v2", got)
	}
	r := <-u.requests
	if r.URL.RequestURI() != "/api/chat?room=1" {
		t.Errorf("the server was asked for %s, want /api/chat?room=1", r.URL.RequestURI())
	}
	if r.Header.Get("X-Custom") != "yes" || r.Header.Get("Proxy-Authorization") != "" {
		t.Errorf("forwarded headers %v: want X-Custom and no Proxy-Authorization", r.Header)
	}
	messages := []struct {
		typ  int
		data []byte
	}{
		{websocket.TextMessage, []byte("héllo")},
		{websocket.BinaryMessage, []byte{0, 255, 1, 128}},
		{websocket.TextMessage, bytes.Repeat([]byte("abc"), 100_000)},
		{websocket.BinaryMessage, []byte{}},
	}
	for _, m := range messages {
		if err := c.WriteMessage(m.typ, m.data); err != nil {
			t.Fatal(err)
		}
		typ, data, err := c.ReadMessage()
		if err != nil {
			t.Fatal(err)
		}
		if typ != m.typ || !bytes.Equal(data, m.data) {
			t.Errorf("echo of a %d-byte message of type %d came back as %d bytes of type %d", len(m.data), m.typ, len(data), typ)
		}
	}
	if err := c.WriteControl(websocket.PingMessage, []byte("p1"), time.Now().Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	if got := <-u.pings; got != "p1" {
		t.Errorf("the server got the ping %q, want p1", got)
	}
	if err := c.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(4002, "bye")); err != nil {
		t.Fatal(err)
	}
	select {
	case ce := <-u.closes:
		if ce.Code != 4002 || ce.Text != "bye" {
			t.Errorf("the server saw close %d %q, want 4002 \"bye\"", ce.Code, ce.Text)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the client's close never reached the server")
	}
	rec := waitEvents(t, p, 2+2*len(messages))
	if rec.Conns[0].Path != "/chat?room=1" || rec.Conns[0].Protocol != "v2" || !rec.Conns[0].Compression {
		t.Errorf("recorded connection %+v", rec.Conns[0])
	}
	for i, m := range messages {
		sent, got := rec.Events[1+2*i], rec.Events[2+2*i]
		if sent.Kind != Sent || got.Kind != Received || !bytes.Equal(sent.Data, m.data) || !bytes.Equal(got.Data, m.data) || int(sent.Type) != m.typ {
			t.Errorf("events %d and %d: %v %v, want the message %d sent and received", 1+2*i, 2+2*i, sent.Kind, got.Kind, i)
		}
	}
	if last := rec.Events[len(rec.Events)-1]; last.Kind != ClientClosed || last.Code != 4002 || last.Reason != "bye" {
		t.Errorf("last event %+v, want the client's close 4002 bye", last)
	}
}

// waitEvents waits until the proxy recorded n events, since the recording of a
// close can trail the frame that reached the other side.
func waitEvents(t *testing.T, p *Proxy, n int) Recording {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		rec := p.Recording()
		if len(rec.Events) >= n || time.Now().After(deadline) {
			if len(rec.Events) != n {
				t.Fatalf("recorded %d events, want %d", len(rec.Events), n)
			}
			return rec
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestProxyForwardsTheServersClose(t *testing.T) {
	u := startUpstream(t)
	p := startProxy(t, u.url)
	c, _, err := dialProxy(t, p, "/", http.Header{"Authorization": {"Bearer x"}})
	if err != nil {
		t.Fatal(err)
	}
	if r := <-u.requests; r.URL.Path != "/api" {
		t.Errorf("the server was asked for %s, want the target's path /api", r.URL.Path)
	}
	if err := c.WriteMessage(websocket.TextMessage, []byte("close-me")); err != nil {
		t.Fatal(err)
	}
	_, _, err = c.ReadMessage()
	var ce *websocket.CloseError
	if !errors.As(err, &ce) || ce.Code != 4001 || ce.Text != "kicked" {
		t.Fatalf("read ended with %v, want close 4001 kicked", err)
	}
	rec := waitEvents(t, p, 3)
	if e := rec.Events[2]; e.Kind != ServerClosed || e.Code != 4001 || e.Reason != "kicked" {
		t.Errorf("recorded %+v, want the server's close 4001 kicked", e)
	}
}

func TestProxyPassesTheServersRefusalOn(t *testing.T) {
	u := startUpstream(t)
	p := startProxy(t, u.url)
	_, resp, err := dialProxy(t, p, "/chat", nil)
	if err == nil || resp == nil || resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("dial without a token: %v, %v; want the server's 401", err, resp)
	}
	if n := len(p.Recording().Conns); n != 0 {
		t.Errorf("a refused connection was recorded (%d connections)", n)
	}
}

func TestStartRejectsBadOptions(t *testing.T) {
	tests := []struct{ name, target, listen, want string }{
		{"http target", "http://x", "127.0.0.1:0", "want a ws:// or wss:// URL"},
		{"target with a query", "ws://x/?a=1", "127.0.0.1:0", "without a query"},
		{"no host", "ws:///path", "127.0.0.1:0", "no host"},
		{"no port", "ws://x", "127.0.0.1", "want HOST:PORT"},
		{"bad port", "ws://x", "127.0.0.1:http", "a number from 0 to 65535"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Start(Options{Target: tt.target, Listen: tt.listen})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Start: %v, want an error saying %q", err, tt.want)
			}
		})
	}
}

// A session past MaxRecorded bytes is still relayed whole, but only what fits is recorded:
// the rest is counted, logged once and named in the generated test.
func TestProxyRecordsUpToMaxRecorded(t *testing.T) {
	u := startUpstream(t)
	var log syncbuftest.Buffer
	p := startProxyWith(t, Options{Target: u.url, MaxRecorded: 250, Log: &log})
	c, _, err := dialProxy(t, p, "/", http.Header{"Authorization": {"Bearer x"}})
	if err != nil {
		t.Fatal(err)
	}
	msg := bytes.Repeat([]byte("x"), 100)
	for range 3 { // 100 sent + 100 echoed fit; the next 100 sent does not
		if err := c.WriteMessage(websocket.TextMessage, msg); err != nil {
			t.Fatal(err)
		}
		if _, data, err := c.ReadMessage(); err != nil || !bytes.Equal(data, msg) {
			t.Fatalf("echo: %v, %d bytes; want the message relayed whole", err, len(data))
		}
	}
	rec := p.Recording()
	if len(rec.Events) != 3 || rec.Unrecorded != 4 {
		t.Errorf("%d events and %d unrecorded messages, want 3 (open, one each way) and 4", len(rec.Events), rec.Unrecorded)
	}
	if got := strings.Count(log.String(), "the recording is full (250 bytes of messages)"); got != 1 {
		t.Errorf("the log says the recording is full %d times, want once:\n%s", got, log.String())
	}
	if src := Generate(rec, GenerateOptions{}); !bytes.Contains(src, []byte("// The recording was full: the 4 messages relayed after it are not in this test.")) {
		t.Errorf("the generated test does not say what it lacks:\n%s", src)
	}
}
