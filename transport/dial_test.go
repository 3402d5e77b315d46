package transport_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/wsrun/wsrun/transport"
	"github.com/wsrun/wsrun/transport/transporttest"
)

func TestDialEcho(t *testing.T) {
	c, r := dial(t, transporttest.NewEcho(t), transport.DialOptions{})
	tests := []struct {
		name string
		typ  transport.MessageType
		data []byte
	}{
		{"text", transport.Text, []byte(`{"hello":"world"}`)},
		{"binary", transport.Binary, []byte{0, 1, 2, 0xff}},
		{"empty text", transport.Text, []byte{}},
		{"large binary", transport.Binary, make([]byte, 1<<20)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := time.Now()
			if err := c.Send(tt.typ, tt.data); err != nil {
				t.Fatalf("Send: %v", err)
			}
			m := r.next(t)
			if m.Type != tt.typ || string(m.Data) != string(tt.data) {
				t.Errorf("got %v %d bytes, want %v %d bytes", m.Type, len(m.Data), tt.typ, len(tt.data))
			}
			if m.At.Before(before) {
				t.Errorf("At %v is before the send at %v", m.At, before)
			}
		})
	}
}

// TestManySmallMessages checks that messages carved from shared buffers
// keep their own contents.
func TestManySmallMessages(t *testing.T) {
	c, r := dial(t, transporttest.NewEcho(t), transport.DialOptions{})
	const n = 3000
	for i := range n {
		msg := strings.Repeat(string(rune('a'+i%26)), i%300)
		if err := c.Send(transport.Text, []byte(msg)); err != nil {
			t.Fatal(err)
		}
	}
	got := make([]transport.Message, 0, n)
	for range n {
		got = append(got, r.next(t))
	}
	for i, m := range got {
		if want := strings.Repeat(string(rune('a'+i%26)), i%300); string(m.Data) != want {
			t.Fatalf("message %d = %q, want %q", i, m.Data, want)
		}
		if cap(m.Data) != len(m.Data) {
			t.Fatalf("message %d: cap %d > len %d: appending would overwrite the next message", i, cap(m.Data), len(m.Data))
		}
	}
}

func TestDialRequest(t *testing.T) {
	reqs := make(chan *http.Request, 1)
	base := transporttest.NewServer(t, func(c *websocket.Conn, r *http.Request) {
		reqs <- r
		c.ReadMessage() // hold the connection until the client goes
	})
	c, _ := dial(t, base+"/items/ws?a=1", transport.DialOptions{
		Headers:   http.Header{"authorization": {"Bearer t0k"}, "X-Multi": {"1", "2"}},
		Query:     url.Values{"user": {"al ice"}},
		Origin:    "https://app.example",
		Protocols: []string{"chat.v2", "chat.v1"},
	})
	r := <-reqs
	if got, want := r.URL.RequestURI(), "/items/ws?a=1&user=al+ice"; got != want {
		t.Errorf("request URI = %q, want %q", got, want)
	}
	if got, want := c.URL(), base+"/items/ws?a=1&user=al+ice"; got != want {
		t.Errorf("URL() = %q, want %q", got, want)
	}
	for _, h := range []struct{ key, want string }{
		{"Authorization", "Bearer t0k"},
		{"Origin", "https://app.example"},
		{"Sec-Websocket-Protocol", "chat.v2, chat.v1"},
	} {
		if got := r.Header.Get(h.key); got != h.want {
			t.Errorf("header %s = %q, want %q", h.key, got, h.want)
		}
	}
	if got := r.Header.Values("X-Multi"); strings.Join(got, ",") != "1,2" {
		t.Errorf("X-Multi = %q, want [1 2]", got)
	}
	if got := c.Protocol(); got != "chat.v2" {
		t.Errorf("Protocol() = %q, want chat.v2 (the server takes the first offered)", got)
	}
	if got := c.ResponseHeaders().Get("Upgrade"); !strings.EqualFold(got, "websocket") {
		t.Errorf("response header Upgrade = %q", got)
	}
}

func TestDialSubprotocolNegotiation(t *testing.T) {
	srv, err := transport.Listen(transport.ServerOptions{Protocols: []string{"v3", "v2", "v1"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close(1001, "") })
	tests := []struct {
		name    string
		offered []string
		want    string
	}{
		{"client order wins", []string{"v1", "v2"}, "v1"},
		{"skips unsupported", []string{"v9", "v2"}, "v2"},
		{"none supported", []string{"v9"}, ""},
		{"none offered", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := dial(t, srv.URL(), transport.DialOptions{Protocols: tt.offered})
			if got := c.Protocol(); got != tt.want {
				t.Errorf("Protocol() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDialRefusedHandshake(t *testing.T) {
	long := strings.Repeat("x", 10000)
	tests := []struct {
		name     string
		status   int
		body     string
		wantBody string
		inMsg    string // what the message shows of the body
	}{
		{"forbidden", http.StatusForbidden, "no token\n", "no token\n", ": no token"},
		{"not found empty body", http.StatusNotFound, "", "", ""},
		{"body cut at 4 KiB", http.StatusUnauthorized, long, long[:transport.MaxRefusalBody], ": " + strings.Repeat("x", 200) + "…"},
		{"lines joined, controls escaped", http.StatusBadRequest, "<p>\r\n\tbad\x1b[2J\x85\u009b</p>", "<p>\r\n\tbad\x1b[2J\x85\u009b</p>", `: <p> bad\x1b[2J\x85\u009b</p>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := transporttest.NewRefusing(t, tt.status, tt.body) + "/items/ws"
			err := dialErr(t, u, transport.DialOptions{})
			var he *transport.HandshakeError
			if !errors.As(err, &he) {
				t.Fatalf("error %v (%T) is not a *HandshakeError", err, err)
			}
			want := "connect " + u + ": server answered " + he.StatusText + tt.inMsg
			if err.Error() != want {
				t.Errorf("Error() = %q, want %q", err, want)
			}
			if he.Status != tt.status || he.StatusText != http.StatusText(tt.status) && !strings.HasSuffix(he.StatusText, http.StatusText(tt.status)) {
				t.Errorf("status = %d %q, want %d", he.Status, he.StatusText, tt.status)
			}
			if he.Body != tt.wantBody {
				t.Errorf("body = %d bytes %.40q, want %d bytes %.40q", len(he.Body), he.Body, len(tt.wantBody), tt.wantBody)
			}
			if he.Headers.Get("X-Refused") != "yes" {
				t.Errorf("headers = %v, want X-Refused: yes", he.Headers)
			}
		})
	}
	t.Run("exact message", func(t *testing.T) {
		u := transporttest.NewRefusing(t, http.StatusForbidden, "") + "/items/ws"
		err := dialErr(t, u, transport.DialOptions{})
		if want := "connect " + u + ": server answered 403 Forbidden"; err.Error() != want {
			t.Errorf("Error() = %q, want %q", err, want)
		}
	})
}

func TestDialNetworkErrors(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedPort := "ws://" + ln.Addr().String() + "/"
	ln.Close()

	tests := []struct {
		name    string
		url     string
		opts    transport.DialOptions
		is      error
		message string // the whole message, or its ending after "connect <url>: "
	}{
		{"refused", closedPort, transport.DialOptions{}, transport.ErrRefused,
			"connect " + closedPort + ": connection refused (is the server running?)"},
		{"dns", "ws://wsrun-no-such-host.invalid/x", transport.DialOptions{}, transport.ErrHostNotFound,
			`cannot resolve host "wsrun-no-such-host.invalid"`},
		{"timeout", transporttest.NewSilent(t), transport.DialOptions{HandshakeTimeout: 200 * time.Millisecond},
			transport.ErrHandshakeTimeout, "handshake timed out after 200ms"},
		{"bad scheme", "http://127.0.0.1/", transport.DialOptions{}, transport.ErrBadURL,
			`invalid WebSocket URL: scheme must be ws or wss, not "http"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			err := dialErr(t, tt.url, tt.opts)
			if !errors.Is(err, tt.is) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.is)
			}
			if !strings.HasPrefix(err.Error(), "connect "+tt.url) {
				t.Errorf("error %q does not start with connect %s", err, tt.url)
			}
			if !strings.HasSuffix(err.Error(), tt.message) && !strings.Contains(err.Error(), tt.message+" (") {
				t.Errorf("error %q, want it to end with %q", err, tt.message)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("Dial took %v", d)
			}
		})
	}
}

func TestDialCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	_, err := transport.Dial(ctx, transporttest.NewSilent(t), transport.DialOptions{})
	if !errors.Is(err, context.Canceled) || errors.Is(err, transport.ErrHandshakeTimeout) {
		t.Fatalf("err = %v, want a cancellation, not a timeout", err)
	}
}

func TestDialCompression(t *testing.T) {
	c, r := dial(t, transporttest.NewEcho(t), transport.DialOptions{Compression: true})
	if ext := c.ResponseHeaders().Get("Sec-Websocket-Extensions"); !strings.Contains(ext, "permessage-deflate") {
		t.Fatalf("extensions = %q, want permessage-deflate", ext)
	}
	msg := []byte(strings.Repeat(`{"price":42,"symbol":"ACME"}`, 5000))
	if err := c.Send(transport.Text, msg); err != nil {
		t.Fatal(err)
	}
	if m := r.next(t); string(m.Data) != string(msg) {
		t.Errorf("echo differs: %d bytes, want %d", len(m.Data), len(msg))
	}
}
