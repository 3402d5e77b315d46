//go:build unix

package transport_test

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/wsrun/wsrun/transport"
	"github.com/wsrun/wsrun/transport/transporttest"
)

// The burst is far more than the socket buffers hold (see smallReadBuffer), so a peer that
// does not read makes direct writes fall back to the backlog.
const (
	burstMessages = 160
	burstSize     = 128 << 10
)

func burstMessage(i int) []byte {
	msg := bytes.Repeat([]byte{byte('a' + i%26)}, burstSize)
	copy(msg, fmt.Sprintf("%06d", i))
	return msg
}

// sendBurst sends the burst with a ping after every tenth message. Send and Ping must return
// although the peer reads nothing: it fails the test if they do not within waitLong.
func sendBurst(t *testing.T, c *transport.Conn) {
	t.Helper()
	sent := make(chan error, 1)
	go func() {
		for i := range burstMessages {
			if err := c.Send(transport.Binary, burstMessage(i)); err != nil {
				sent <- err
				return
			}
			if i%10 == 0 {
				if err := c.Ping([]byte("p")); err != nil {
					sent <- err
					return
				}
			}
		}
		sent <- nil
	}()
	select {
	case err := <-sent:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(waitLong):
		t.Fatal("Send blocked on a peer that does not read")
	}
}

// smallReadBuffer keeps the kernel from buffering the whole burst for a reader that does not
// read (loopback's receive buffers may grow to tens of megabytes). It is set before the
// connection exists: shrinking the buffer of a live connection stalls it in retransmits.
func smallReadBuffer(_, _ string, c syscall.RawConn) error {
	var serr error
	err := c.Control(func(fd uintptr) {
		serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 16<<10)
	})
	if err != nil {
		return err
	}
	return serr
}

// slowServer serves handler on a loopback listener whose connections have small receive
// buffers, over TLS when secure is set (httptest's certificate: dial with Insecure).
func slowServer(t *testing.T, secure bool, handler func(*websocket.Conn)) string {
	t.Helper()
	ln, err := (&net.ListenConfig{Control: smallReadBuffer}).Listen(t.Context(), "tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if c, err := transporttest.Upgrade(w, r); err == nil {
			defer c.Close()
			handler(c)
		}
	}))
	srv.Listener.Close()
	srv.Listener = ln
	if secure {
		srv.StartTLS()
	} else {
		srv.Start()
	}
	t.Cleanup(srv.Close)
	return "ws" + strings.TrimPrefix(srv.URL, "http")
}

// readBurst reads the burst with gorilla and checks every message, in order.
func readBurst(c *websocket.Conn) error {
	for i := range burstMessages {
		_, data, err := c.ReadMessage()
		if err != nil {
			return fmt.Errorf("message %d: %w", i, err)
		}
		if !bytes.Equal(data, burstMessage(i)) {
			return fmt.Errorf("message %d: got %d bytes starting %.6q, want message %d", i, len(data), data, i)
		}
	}
	return nil
}

// A client's sends never block on a server that does not read, and everything arrives whole
// and in order once it reads; over TLS too, where the wire sits under the TLS layer.
func TestClientSendsToAPeerThatDoesNotRead(t *testing.T) {
	for _, secure := range []bool{false, true} {
		t.Run(fmt.Sprintf("tls=%v", secure), func(t *testing.T) {
			transporttest.CheckGoroutines(t)
			release := make(chan struct{})
			result := make(chan error, 1)
			url := slowServer(t, secure, func(c *websocket.Conn) {
				<-release
				result <- readBurst(c)
			})
			c, _ := dial(t, url, transport.DialOptions{MaxMessageSize: 2 * burstSize, Insecure: secure})
			sendBurst(t, c)
			close(release)
			select {
			case err := <-result:
				if err != nil {
					t.Fatal(err)
				}
			case <-time.After(waitLong):
				t.Fatal("the server did not receive the burst")
			}
		})
	}
}

// The same from a server-side connection to a client that does not read.
func TestServerSendsToAPeerThatDoesNotRead(t *testing.T) {
	transporttest.CheckGoroutines(t)
	conns := make(chan *transport.Conn, 1)
	srv, err := transport.Listen(transport.ServerOptions{OnConnect: func(c *transport.Conn, _ *http.Request) {
		c.Start(newRecorder())
		conns <- c
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close(1001, "") })
	dialer := websocket.Dialer{NetDialContext: (&net.Dialer{Control: smallReadBuffer}).DialContext}
	client, _, err := dialer.Dial(srv.URL(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	sendBurst(t, <-conns)
	if err := readBurst(client); err != nil {
		t.Fatal(err)
	}
}

// readWaitRecorder notes, in order, each message and each OnReadWait.
type readWaitRecorder struct {
	*recorder
	events chan string
}

func (r *readWaitRecorder) OnMessage(m transport.Message) { r.events <- "message " + string(m.Data) }
func (r *readWaitRecorder) OnReadWait()                   { r.events <- "read wait" }

// After a message, the reader says it is about to wait before it waits: a handler that
// batches messages is never left holding one.
func TestReadWaitFollowsEachMessage(t *testing.T) {
	transporttest.CheckGoroutines(t)
	next := make(chan struct{})
	url := transporttest.NewServer(t, func(c *websocket.Conn, _ *http.Request) {
		for _, msg := range []string{"one", "two"} {
			if c.WriteMessage(websocket.TextMessage, []byte(msg)) != nil {
				return
			}
			<-next // stays silent until the test has seen the read wait
		}
		<-next
	})
	c, err := transport.Dial(t.Context(), url, transport.DialOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r := &readWaitRecorder{recorder: newRecorder(), events: make(chan string, 16)}
	c.Start(r)
	t.Cleanup(func() { stop(t, c) })
	expect := func(want string) {
		t.Helper()
		for {
			select {
			case got := <-r.events:
				if got == "read wait" && want != "read wait" {
					continue // the reader may look for more before the message arrives
				}
				if got != want {
					t.Fatalf("got %q, want %q", got, want)
				}
				return
			case <-time.After(waitLong):
				t.Fatalf("no %q", want)
			}
		}
	}
	expect("message one")
	expect("read wait")
	next <- struct{}{}
	expect("message two")
	expect("read wait")
	close(next)
}
