package transport_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wsrun/wsrun/transport"
	"github.com/wsrun/wsrun/transport/transporttest"
)

// echoHandler is a server-side Handler that sends every message back.
type echoHandler struct {
	c      *transport.Conn
	closed chan *transport.CloseError
}

func (h *echoHandler) OnMessage(m transport.Message)   { h.c.Send(m.Type, m.Data) }
func (h *echoHandler) OnPing([]byte)                   {}
func (h *echoHandler) OnPong([]byte)                   {}
func (h *echoHandler) OnReadWait()                     {}
func (h *echoHandler) OnClose(e *transport.CloseError) { h.closed <- e }

// echoServer starts a transport server whose connections echo; each
// server-side OnClose is sent on the returned channel.
func echoServer(t *testing.T, opts transport.ServerOptions) (*transport.Server, <-chan *transport.CloseError) {
	t.Helper()
	closed := make(chan *transport.CloseError, 16)
	opts.OnConnect = func(c *transport.Conn, _ *http.Request) {
		c.Start(&echoHandler{c: c, closed: closed})
	}
	srv, err := transport.Listen(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close(1001, "") })
	return srv, closed
}

func TestServerEcho(t *testing.T) {
	transporttest.CheckGoroutines(t)
	srv, serverClosed := echoServer(t, transport.ServerOptions{Path: "/chat", Compression: true})
	if want := fmt.Sprintf("ws://127.0.0.1:%d/chat", srv.Port()); srv.URL() != want {
		t.Errorf("URL() = %q, want %q", srv.URL(), want)
	}
	for _, compress := range []bool{false, true} {
		t.Run(fmt.Sprintf("compression=%v", compress), func(t *testing.T) {
			c, r := dial(t, srv.URL()+"?room=1", transport.DialOptions{Compression: compress})
			for _, msg := range []string{"hello", strings.Repeat("long ", 10000)} {
				c.Send(transport.Text, []byte(msg))
				if m := r.next(t); string(m.Data) != msg || m.Type != transport.Text {
					t.Errorf("echo = %v %.20q, want text %.20q", m.Type, m.Data, msg)
				}
			}
			c.Close(1000, "done")
			if e := r.waitClose(t); e.Code != 1000 || !e.Clean {
				t.Errorf("client OnClose(%+v), want clean 1000", e)
			}
			select {
			case e := <-serverClosed:
				if e.Code != 1000 || e.Reason != "done" || !e.Clean {
					t.Errorf("server OnClose(%+v), want clean 1000 done", e)
				}
			case <-time.After(waitLong):
				t.Fatal("server-side OnClose not called")
			}
		})
	}
}

func TestServerConnInfo(t *testing.T) {
	type info struct {
		url, protocol string
		origin        string
	}
	got := make(chan info, 1)
	srv, err := transport.Listen(transport.ServerOptions{
		Path:      "/ws",
		Protocols: []string{"b", "a"},
		OnConnect: func(c *transport.Conn, r *http.Request) {
			got <- info{c.URL(), c.Protocol(), r.Header.Get("Origin")}
			c.Start(newRecorder())
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close(1001, "") })
	dial(t, srv.URL()+"?x=1", transport.DialOptions{Protocols: []string{"a", "b"}, Origin: "http://o.example"})
	want := info{srv.URL() + "?x=1", "a", "http://o.example"}
	if g := <-got; g != want {
		t.Errorf("server side saw %+v, want %+v", g, want)
	}
}

func TestServerRefusals(t *testing.T) {
	srv, err := transport.Listen(transport.ServerOptions{
		Path: "/ws",
		Verify: func(r *http.Request) (bool, int, string) {
			switch r.URL.Query().Get("token") {
			case "good":
				return true, 0, ""
			case "":
				return false, 0, "" // default status
			}
			return false, http.StatusUnauthorized, "bad token"
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close(1001, "") })
	base := strings.TrimSuffix(srv.URL(), "/ws")
	tests := []struct {
		name   string
		url    string
		status string
		body   string
	}{
		{"verify refuses", base + "/ws?token=bad", "401 Unauthorized", "bad token"},
		{"verify default status", base + "/ws", "403 Forbidden", ""},
		{"other path", base + "/other?token=good", "404 Not Found", "404 page not found\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := dialErr(t, tt.url, transport.DialOptions{})
			var he *transport.HandshakeError
			if !errors.As(err, &he) {
				t.Fatalf("err = %v, want *HandshakeError", err)
			}
			if he.StatusText != tt.status || he.Body != tt.body {
				t.Errorf("got %q %q, want %q %q", he.StatusText, he.Body, tt.status, tt.body)
			}
		})
	}
	t.Run("verify accepts", func(t *testing.T) {
		dial(t, base+"/ws?token=good", transport.DialOptions{})
	})
}

func TestServerClose(t *testing.T) {
	transporttest.CheckGoroutines(t)
	srv, serverClosed := echoServer(t, transport.ServerOptions{})
	const n = 3
	var recs []*recorder
	for range n {
		c, r := dial(t, srv.URL(), transport.DialOptions{})
		c.Send(transport.Text, []byte("hi")) // make sure the server side is up
		r.next(t)
		recs = append(recs, r)
	}
	start := time.Now()
	var wg sync.WaitGroup
	for range 2 { // concurrent calls: both return once the server is closed
		wg.Go(func() { srv.Close(1001, "server shutting down") })
	}
	wg.Wait()
	if d := time.Since(start); d > transport.CloseTimeout {
		t.Errorf("Close took %v although every client answered", d)
	}
	for i, r := range recs {
		e := r.waitClose(t)
		if e.Code != 1001 || e.Reason != "server shutting down" || !e.Clean {
			t.Errorf("client %d: OnClose(%+v), want clean 1001", i, e)
		}
	}
	for range n {
		if e := <-serverClosed; e.Code != 1001 || !e.Clean {
			t.Errorf("server side OnClose(%+v), want the clean echo of 1001", e)
		}
	}
	err := dialErr(t, srv.URL(), transport.DialOptions{})
	if !errors.Is(err, transport.ErrRefused) {
		t.Errorf("dial after Close: %v, want refused", err)
	}
	srv.Close(1000, "") // idempotent
}

// TestServerCloseUnstarted checks that Close does not wait for connections
// that OnConnect never started.
func TestServerCloseUnstarted(t *testing.T) {
	connected := make(chan struct{})
	srv, err := transport.Listen(transport.ServerOptions{
		OnConnect: func(*transport.Conn, *http.Request) { close(connected) },
	})
	if err != nil {
		t.Fatal(err)
	}
	_, r := dial(t, srv.URL(), transport.DialOptions{})
	<-connected
	start := time.Now()
	srv.Close(1001, "")
	if d := time.Since(start); d > time.Second {
		t.Errorf("Close took %v", d)
	}
	if e := r.waitClose(t); e.Clean {
		t.Errorf("client OnClose(%+v), want an aborted connection", e)
	}
}

func TestServerAnswersPlainHTTPBesideWebSocket(t *testing.T) {
	srv, err := transport.Listen(transport.ServerOptions{
		Path: "/ws",
		HTTP: func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusTeapot)
			_, _ = io.WriteString(w, "plain "+r.URL.Path)
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close(1001, "")
	resp, err := http.Get("http://127.0.0.1:" + strconv.Itoa(srv.Port()) + "/login")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusTeapot || string(body) != "plain /login" {
		t.Fatalf("got %d %q", resp.StatusCode, body)
	}
	c, err := transport.Dial(context.Background(), srv.URL(), transport.DialOptions{})
	if err != nil {
		t.Fatalf("upgrades still work: %v", err)
	}
	c.Abort() // never started, so Done would never close
}

// TestServerAnyPathAndSelectProtocol covers what a proxy needs: upgrades on every path, and a
// subprotocol chosen per request (the one the server behind it picked), even one the client
// offered last.
func TestServerAnyPathAndSelectProtocol(t *testing.T) {
	srv, _ := echoServer(t, transport.ServerOptions{
		AnyPath: true,
		SelectProtocol: func(r *http.Request) string {
			return strings.TrimPrefix(r.URL.Path, "/")
		},
	})
	base := strings.TrimSuffix(srv.URL(), "/")
	for _, p := range []string{"v2", "v1", ""} {
		c, _ := dial(t, base+"/"+p, transport.DialOptions{Protocols: []string{"v1", "v2"}})
		if c.Protocol() != p {
			t.Errorf("path /%s: protocol %q, want %q", p, c.Protocol(), p)
		}
	}
}
