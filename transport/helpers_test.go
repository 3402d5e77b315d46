package transport_test

import (
	"context"
	"io"
	"log"
	"os"
	"testing"
	"time"

	"github.com/wsrun/wsrun/transport"
	"github.com/wsrun/wsrun/transport/transporttest"
)

// waitLong bounds every wait for an event in these tests; reaching it is a
// failure, never an expected outcome.
const waitLong = 10 * time.Second

// TestMain fails the package if goroutines are still running once every test has cleaned up:
// each Conn's reader and writer, each server's. The proxy tests' child process is exempt.
func TestMain(m *testing.M) {
	os.Exit(transporttest.RunCheckingGoroutines(m, func() bool { return os.Getenv(proxyChildEnv) != "" }))
}

// recorder is a Handler that turns callbacks into channel sends, so a test
// can wait for them.
type recorder struct {
	msgs   chan transport.Message
	pings  chan []byte
	pongs  chan []byte
	closed chan *transport.CloseError
}

func newRecorder() *recorder {
	return &recorder{
		msgs:   make(chan transport.Message, 4096),
		pings:  make(chan []byte, 16),
		pongs:  make(chan []byte, 16),
		closed: make(chan *transport.CloseError, 2), // 2 so that a second OnClose is caught, not blocked on
	}
}

func (r *recorder) OnMessage(m transport.Message)   { r.msgs <- m }
func (r *recorder) OnPing(p []byte)                 { r.pings <- p }
func (r *recorder) OnPong(p []byte)                 { r.pongs <- p }
func (r *recorder) OnReadWait()                     {}
func (r *recorder) OnClose(e *transport.CloseError) { r.closed <- e }

func (r *recorder) next(t *testing.T) transport.Message {
	t.Helper()
	select {
	case m := <-r.msgs:
		return m
	case e := <-r.closed:
		// OnMessage runs before OnClose, on the same goroutine: a message
		// delivered before the close is in msgs by now.
		select {
		case m := <-r.msgs:
			r.closed <- e // put it back for waitClose
			return m
		default:
		}
		t.Fatalf("connection closed while waiting for a message: %v", e)
	case <-time.After(waitLong):
		t.Fatal("no message arrived")
	}
	return transport.Message{}
}

func (r *recorder) waitClose(t *testing.T) *transport.CloseError {
	t.Helper()
	select {
	case e := <-r.closed:
		return e
	case <-time.After(waitLong):
		t.Fatal("OnClose was not called")
	}
	return nil
}

func waitBytes(t *testing.T, ch <-chan []byte, what string) []byte {
	t.Helper()
	select {
	case p := <-ch:
		return p
	case <-time.After(waitLong):
		t.Fatalf("no %s arrived", what)
	}
	return nil
}

// dial dials url, starts the Conn with a recorder and aborts it at cleanup.
func dial(t *testing.T, url string, opts transport.DialOptions) (*transport.Conn, *recorder) {
	t.Helper()
	c, err := transport.Dial(context.Background(), url, opts)
	if err != nil {
		t.Fatalf("Dial: %v", err)
	}
	r := newRecorder()
	c.Start(r)
	t.Cleanup(func() { stop(t, c) })
	return c, r
}

// stop aborts c and waits until it is done.
func stop(t *testing.T, c *transport.Conn) {
	t.Helper()
	c.Abort()
	select {
	case <-c.Done():
	case <-time.After(waitLong):
		t.Errorf("Conn %s not done after Abort", c.URL())
	}
}

// dialErr dials url expecting failure and returns the error.
func dialErr(t *testing.T, url string, opts transport.DialOptions) error {
	t.Helper()
	c, err := transport.Dial(context.Background(), url, opts)
	if err == nil {
		stop(t, c)
		t.Fatalf("Dial %s succeeded, want an error", url)
	}
	return err
}

// quietLog is an http.Server ErrorLog that drops the TLS handshake errors
// some tests provoke on purpose.
func quietLog() *log.Logger { return log.New(io.Discard, "", 0) }
