// Package transporttest provides in-process WebSocket servers for tests,
// built on plain gorilla/websocket and net/http/httptest so that they do not
// depend on transport's own server. Every server binds 127.0.0.1 only, is
// shut down by t.Cleanup (its open connections closed and its handler
// goroutines waited for), and is returned as its ws:// (or wss://) URL.
//
// Handlers run on their own goroutines, one per connection, as
// net/http does.
//
// Hostile peers (hostile.go) speak WebSocket by hand instead, to send what
// no library would: NewHostile is a server for a client under test,
// NewAttacker a client for a server under test, each running an Act (Bomb,
// InvalidUTF8, NeverRead, HugeLength, ShortFrame, ResetMidFrame,
// ReservedBits, ReservedOpcode, Raw, or one of a test's own). Their
// ListenHostile and ListenAttacker forms need no testing.TB.
package transporttest

import (
	"encoding/pem"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// cleanupWait bounds how long a server's cleanup waits for its handlers to
// return after their connections were closed.
const cleanupWait = 5 * time.Second

// upgrader is what every server here upgrades with: any origin, and
// permessage-deflate when offered.
var upgrader = websocket.Upgrader{
	CheckOrigin:       func(*http.Request) bool { return true },
	EnableCompression: true,
}

// Upgrade upgrades r as every server here does: any origin is accepted,
// permessage-deflate when the client offers it, and the client's first
// offered subprotocol, if any. It is for tests that build their own
// httptest server (with TLS client authentication, say).
func Upgrade(w http.ResponseWriter, r *http.Request) (*websocket.Conn, error) {
	var h http.Header
	if offered := websocket.Subprotocols(r); len(offered) > 0 {
		h = http.Header{"Sec-Websocket-Protocol": {offered[0]}}
	}
	return upgrader.Upgrade(w, r, h)
}

// NewEcho starts a server that sends every message back with its type, on
// any path, and returns its ws:// URL.
func NewEcho(t testing.TB) string {
	t.Helper()
	return NewServer(t, Echo)
}

// Echo is the echo handler of NewEcho, for use with NewServer or NewTLS.
func Echo(c *websocket.Conn, _ *http.Request) {
	for {
		typ, data, err := c.ReadMessage()
		if err != nil {
			return
		}
		if err := c.WriteMessage(typ, data); err != nil {
			return
		}
	}
}

// NewServer starts a server that upgrades every request and runs handler
// on the connection; the connection is closed when handler returns or at
// cleanup. It returns the ws:// URL.
func NewServer(t testing.TB, handler func(*websocket.Conn, *http.Request)) string {
	t.Helper()
	srv := httptest.NewServer(track(t, handler))
	t.Cleanup(srv.Close)
	return "ws" + strings.TrimPrefix(srv.URL, "http")
}

// NewTLS starts a TLS server (httptest's self-signed certificate, valid for
// 127.0.0.1) running handler, and returns its wss:// URL and the path of a
// PEM file holding the certificate, to trust as a CA.
func NewTLS(t testing.TB, handler func(*websocket.Conn, *http.Request)) (url, caFile string) {
	t.Helper()
	srv := httptest.NewUnstartedServer(track(t, handler))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // failed TLS handshakes are what tests provoke
	srv.StartTLS()
	t.Cleanup(srv.Close)
	caFile = filepath.Join(t.TempDir(), "ca.pem")
	block := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	if err := os.WriteFile(caFile, block, 0o600); err != nil {
		t.Fatalf("write CA file: %v", err)
	}
	return "wss" + strings.TrimPrefix(srv.URL, "https"), caFile
}

// NewRefusing starts a server that answers every request with status and
// body (and the header X-Refused: yes), and returns its ws:// URL.
func NewRefusing(t testing.TB, status int, body string) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("X-Refused", "yes")
		w.WriteHeader(status)
		io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return "ws" + strings.TrimPrefix(srv.URL, "http")
}

// NewSilent starts a TCP listener that accepts connections and never
// answers, for handshake timeouts, and returns a ws:// URL for it.
func NewSilent(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	var (
		mu    sync.Mutex
		conns []net.Conn
		wg    sync.WaitGroup
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		wg.Wait()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	return "ws://" + ln.Addr().String() + "/"
}

// track wraps handler into an http.Handler that upgrades, remembers each
// connection, and at cleanup closes the ones still open and waits for
// their handlers: httptest's Close does not wait for hijacked connections.
func track(t testing.TB, handler func(*websocket.Conn, *http.Request)) http.Handler {
	var (
		mu     sync.Mutex
		conns  = map[*websocket.Conn]struct{}{}
		closed bool
		wg     sync.WaitGroup
	)
	t.Cleanup(func() {
		mu.Lock()
		closed = true
		for c := range conns {
			c.NetConn().Close()
		}
		mu.Unlock()
		done := make(chan struct{})
		go func() { wg.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(cleanupWait):
			t.Errorf("transporttest: a server handler did not return within %v of cleanup", cleanupWait)
		}
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		wg.Add(1)
		defer wg.Done()
		c, err := Upgrade(w, r)
		if err != nil {
			return
		}
		defer c.Close()
		mu.Lock()
		if closed {
			mu.Unlock()
			return
		}
		conns[c] = struct{}{}
		mu.Unlock()
		defer func() {
			mu.Lock()
			delete(conns, c)
			mu.Unlock()
		}()
		handler(c, r)
	})
}

// CheckGoroutines records the number of goroutines now and, at cleanup,
// waits (up to 5s) for it to fall back, failing t with a dump of every
// goroutine if it does not. Call it first in a test, so that its cleanup
// runs after every other; it cannot be used in parallel tests.
func CheckGoroutines(t testing.TB) {
	t.Helper()
	before := runtime.NumGoroutine()
	t.Cleanup(func() {
		if n, ok := SettleGoroutines(before, cleanupWait); !ok {
			buf := make([]byte, 1<<20)
			buf = buf[:runtime.Stack(buf, true)]
			t.Errorf("goroutine leak: %d goroutines, %d before the test\n%s", n, before, buf)
		}
	})
}

// RunCheckingGoroutines runs a package's tests (call it from TestMain and pass its result to
// os.Exit) and fails them when goroutines are still running 5s after the last test cleaned
// up: every socket, server, timer and VM a test starts must be gone by then. Under go test
// -fuzz the check is skipped, since the fuzzing coordinator keeps goroutines of its own; so
// it is when exempt reports true (a test binary re-run as a helper process, say).
func RunCheckingGoroutines(m *testing.M, exempt func() bool) int {
	before := runtime.NumGoroutine()
	code := m.Run()
	if code != 0 || (exempt != nil && exempt()) {
		return code
	}
	if f := flag.Lookup("test.fuzz"); f != nil && f.Value.String() != "" {
		return code
	}
	if n, ok := SettleGoroutines(before, cleanupWait); !ok {
		buf := make([]byte, 1<<20)
		buf = buf[:runtime.Stack(buf, true)]
		fmt.Fprintf(os.Stderr, "goroutine leak: %d goroutines, %d before the tests\n%s", n, before, buf)
		return 1
	}
	return code
}

// SettleGoroutines waits up to d for runtime.NumGoroutine to be at most
// want, and returns the last count and whether it got there.
func SettleGoroutines(want int, d time.Duration) (int, bool) {
	deadline := time.Now().Add(d)
	for {
		n := runtime.NumGoroutine()
		if n <= want {
			return n, true
		}
		if time.Now().After(deadline) {
			return n, false
		}
		time.Sleep(10 * time.Millisecond)
	}
}
