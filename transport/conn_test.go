package transport_test

import (
	"errors"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/wsrun/wsrun/transport"
	"github.com/wsrun/wsrun/transport/transporttest"
)

// closeFrames starts a gorilla server whose handler sends every close frame
// it receives (or the read error) on the returned channel.
func closeFrames(t *testing.T, handler func(*websocket.Conn)) (string, <-chan error) {
	got := make(chan error, 1)
	u := transporttest.NewServer(t, func(c *websocket.Conn, _ *http.Request) {
		if handler != nil {
			handler(c)
		}
		for {
			if _, _, err := c.ReadMessage(); err != nil {
				got <- err
				return
			}
		}
	})
	return u, got
}

func TestCloseByClient(t *testing.T) {
	u, serverSaw := closeFrames(t, nil)
	c, r := dial(t, u, transport.DialOptions{})
	if err := c.Send(transport.Text, []byte("last words")); err != nil {
		t.Fatal(err)
	}
	c.Close(4000, "bye")
	c.Close(1000, "twice") // idempotent
	if !c.Closed() {
		t.Error("Closed() = false after Close")
	}

	if err := <-serverSaw; !websocket.IsCloseError(err, 4000) || err.(*websocket.CloseError).Text != "bye" {
		t.Errorf("server read %v, want close 4000 bye", err)
	}
	e := r.waitClose(t)
	// gorilla's server echoes the code without the reason.
	if e.Code != 4000 || !e.Clean || e.Err != nil {
		t.Errorf("OnClose(%+v), want a clean 4000", e)
	}
	err := c.Send(transport.Text, []byte("late"))
	if !errors.Is(err, transport.ErrClosed) {
		t.Errorf("Send after close: %v, want ErrClosed", err)
	}
	<-c.Done()
	select {
	case e := <-r.closed:
		t.Errorf("OnClose called twice, second with %v", e)
	default:
	}
}

func TestCloseByServer(t *testing.T) {
	serverSaw := make(chan error, 1)
	u := transporttest.NewServer(t, func(c *websocket.Conn, _ *http.Request) {
		c.WriteMessage(websocket.TextMessage, []byte("before close"))
		c.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(1000, "bye"), time.Now().Add(time.Second))
		_, _, err := c.ReadMessage()
		serverSaw <- err
	})
	c, r := dial(t, u, transport.DialOptions{})
	if m := r.next(t); string(m.Data) != "before close" {
		t.Errorf("message = %q", m.Data)
	}
	e := r.waitClose(t)
	if e.Code != 1000 || e.Reason != "bye" || !e.Clean {
		t.Errorf("OnClose(%+v), want clean 1000 bye", e)
	}
	if got, want := e.Error(), "closed with 1000 normal closure: bye"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	err := c.Send(transport.Text, []byte("too late"))
	if want := `send on closed connection (closed with 1000 "bye")`; err == nil || err.Error() != want {
		t.Errorf("Send after peer close = %v, want %q", err, want)
	}
	if !errors.Is(err, transport.ErrClosed) {
		t.Errorf("errors.Is(%v, ErrClosed) = false", err)
	}
	if err := c.Ping(nil); !errors.Is(err, transport.ErrClosed) {
		t.Errorf("Ping after close = %v, want ErrClosed", err)
	}
	// The client must have echoed the close frame (RFC 6455 §5.5.1).
	if err := <-serverSaw; !websocket.IsCloseError(err, 1000) {
		t.Errorf("server read %v, want the echoed close 1000", err)
	}
}

func TestCloseTimeout(t *testing.T) {
	release := make(chan struct{})
	u := transporttest.NewServer(t, func(c *websocket.Conn, _ *http.Request) {
		<-release // never reads, so never answers the close frame
	})
	t.Cleanup(func() { close(release) })
	c, r := dial(t, u, transport.DialOptions{})
	start := time.Now()
	c.Close(1000, "")
	e := r.waitClose(t)
	if d := time.Since(start); d < transport.CloseTimeout-100*time.Millisecond {
		t.Errorf("forced after %v, before CloseTimeout %v", d, transport.CloseTimeout)
	}
	if e.Clean || e.Code != 1006 || !errors.Is(e, transport.ErrCloseTimeout) {
		t.Errorf("OnClose(%+v), want 1006, not clean, ErrCloseTimeout", e)
	}
	if !strings.Contains(e.Error(), "closing handshake timed out after 2000ms") {
		t.Errorf("Error() = %q", e.Error())
	}
}

func TestPeerVanishes(t *testing.T) {
	tests := []struct {
		name string
		kill func(c *websocket.Conn)
	}{
		{"tcp close", func(c *websocket.Conn) { c.NetConn().Close() }},
		{"tcp reset", func(c *websocket.Conn) {
			c.NetConn().(*net.TCPConn).SetLinger(0)
			c.NetConn().Close()
		}},
		{"mid-message", func(c *websocket.Conn) {
			// A frame header promising 100 bytes, then 3 of them.
			c.NetConn().Write([]byte{0x82, 100, 1, 2, 3})
			c.NetConn().Close()
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := transporttest.NewServer(t, func(c *websocket.Conn, _ *http.Request) { tt.kill(c) })
			c, r := dial(t, u, transport.DialOptions{})
			e := r.waitClose(t)
			if e.Code != 1006 || e.Clean || !errors.Is(e, transport.ErrConnectionLost) {
				t.Errorf("OnClose(%+v), want 1006, not clean, ErrConnectionLost", e)
			}
			err := c.Send(transport.Text, []byte("x"))
			if want := "send on closed connection (closed with 1006)"; err == nil || err.Error() != want {
				t.Errorf("Send = %v, want %q", err, want)
			}
		})
	}
}

func TestAbort(t *testing.T) {
	c, r := dial(t, transporttest.NewEcho(t), transport.DialOptions{})
	c.Abort()
	e := r.waitClose(t)
	if e.Code != 1006 || e.Clean || !errors.Is(e, transport.ErrAborted) {
		t.Errorf("OnClose(%+v), want 1006 aborted", e)
	}
	<-c.Done()
	c.Abort() // no effect once done
	c.Close(1000, "")
}

func TestMaxMessageSize(t *testing.T) {
	u, serverSaw := closeFrames(t, func(c *websocket.Conn) {
		c.WriteMessage(websocket.BinaryMessage, make([]byte, 1000))
		c.WriteMessage(websocket.BinaryMessage, make([]byte, 1001))
	})
	_, r := dial(t, u, transport.DialOptions{MaxMessageSize: 1000})
	if m := r.next(t); len(m.Data) != 1000 {
		t.Errorf("first message has %d bytes, want 1000", len(m.Data))
	}
	e := r.waitClose(t)
	if e.Code != 1009 || e.Clean || !errors.Is(e, transport.ErrMessageTooBig) {
		t.Errorf("OnClose(%+v), want 1009 ErrMessageTooBig", e)
	}
	if got, want := e.Error(), "closed with 1009 message too big: message exceeds maxMessageSize of 1000 bytes"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if err := <-serverSaw; !websocket.IsCloseError(err, 1009) {
		t.Errorf("server read %v, want close 1009", err)
	}
}

func TestPingPong(t *testing.T) {
	serverPong := make(chan string, 1)
	u := transporttest.NewServer(t, func(c *websocket.Conn, _ *http.Request) {
		c.SetPongHandler(func(s string) error { serverPong <- s; return nil })
		c.WriteControl(websocket.PingMessage, []byte("from server"), time.Now().Add(time.Second))
		for { // gorilla answers the client's pings while reading
			if _, _, err := c.ReadMessage(); err != nil {
				return
			}
		}
	})
	c, r := dial(t, u, transport.DialOptions{})

	if got := waitBytes(t, r.pings, "ping"); string(got) != "from server" {
		t.Errorf("OnPing(%q)", got)
	}
	select {
	case got := <-serverPong:
		if got != "from server" {
			t.Errorf("server got pong %q", got)
		}
	case <-time.After(waitLong):
		t.Fatal("no automatic pong reached the server")
	}

	if err := c.Ping([]byte("from client")); err != nil {
		t.Fatal(err)
	}
	if got := waitBytes(t, r.pongs, "pong"); string(got) != "from client" {
		t.Errorf("OnPong(%q)", got)
	}
	if err := c.Ping(make([]byte, 126)); err == nil {
		t.Error("Ping with 126 bytes succeeded")
	}
}

// TestNothingReadBeforeStart checks that a message the server sends at once
// waits for Start, and that messages sent before Start are written.
func TestNothingReadBeforeStart(t *testing.T) {
	got := make(chan string, 1)
	u := transporttest.NewServer(t, func(c *websocket.Conn, _ *http.Request) {
		c.WriteMessage(websocket.TextMessage, []byte("welcome"))
		_, p, _ := c.ReadMessage()
		got <- string(p)
		c.ReadMessage()
	})
	c, err := transport.Dial(t.Context(), u, transport.DialOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Send(transport.Text, []byte("early")); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond) // let "welcome" arrive; nothing may consume it yet
	r := newRecorder()
	c.Start(r)
	t.Cleanup(func() { stop(t, c) })
	if m := r.next(t); string(m.Data) != "welcome" {
		t.Errorf("first message %q, want welcome", m.Data)
	}
	if s := <-got; s != "early" {
		t.Errorf("server got %q, want early", s)
	}
}

func TestCloseErrorText(t *testing.T) {
	tests := []struct {
		e    transport.CloseError
		want string
	}{
		{transport.CloseError{Code: 1001, Reason: "shutting down", Clean: true}, "closed with 1001 going away: shutting down"},
		{transport.CloseError{Code: 4001, Clean: true}, "closed with 4001"},
		{transport.CloseError{Code: 1006, Err: transport.ErrAborted}, "closed with 1006 abnormal closure: connection aborted"},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}
