package bench

import (
	"context"
	"net"
	"net/http"
	"runtime/pprof"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

const (
	// pushChunkFrames is how many pre-encoded frames /push writes per syscall, so the
	// server's own cost stays small next to the client's.
	pushChunkFrames = 1000
	// serverIdle bounds how long a handler waits on a silent client.
	serverIdle = 2 * time.Minute
)

var upgrader = websocket.Upgrader{
	ReadBufferSize:  4096,
	WriteBufferSize: 4096,
	CheckOrigin:     func(*http.Request) bool { return true },
}

// startServer serves /echo and /push on a free loopback port and returns its ws:// base URL.
// It is shut down when b ends.
func startServer(b testing.TB) string {
	b.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/echo", serveEcho)
	mux.HandleFunc("/push", servePush)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	// The label lets a CPU profile of an in-process run (see inprocess_test.go) leave the
	// server out: every goroutine the server starts inherits it.
	go pprof.Do(context.Background(), pprof.Labels("side", "server"), func(context.Context) { _ = srv.Serve(ln) })
	b.Cleanup(func() { _ = srv.Close() })
	return "ws://" + ln.Addr().String()
}

// serveEcho sends every frame back as it came, until the client closes.
func serveEcho(w http.ResponseWriter, r *http.Request) {
	c, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer c.Close()
	for {
		_ = c.SetReadDeadline(time.Now().Add(serverIdle))
		typ, data, err := c.ReadMessage()
		if err != nil {
			return
		}
		if err := c.WriteMessage(typ, data); err != nil {
			return
		}
	}
}

// servePush sends n text frames of size bytes as fast as it can, then a "done" text frame,
// then waits for the client to close. The frames are pre-encoded and written in chunks of
// pushChunkFrames straight to the socket, which gorilla's writer is not using yet, so the
// client is measured reading back-to-back frames rather than the server's syscalls.
func servePush(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(r.URL.Query().Get("n"))
	size, _ := strconv.Atoi(r.URL.Query().Get("size"))
	if n < 0 || size < 0 || size > 1<<20 {
		http.Error(w, "bad n or size", http.StatusBadRequest)
		return
	}
	c, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer c.Close()
	frame := encodeFrame(pushPayload(size))
	chunk := make([]byte, 0, len(frame)*min(n, pushChunkFrames))
	for sent := 0; sent < n; {
		k := min(n-sent, pushChunkFrames)
		chunk = chunk[:0]
		for range k {
			chunk = append(chunk, frame...)
		}
		_ = c.NetConn().SetWriteDeadline(time.Now().Add(serverIdle))
		if _, err := c.NetConn().Write(chunk); err != nil {
			return
		}
		sent += k
	}
	_ = c.NetConn().SetWriteDeadline(time.Time{})
	if err := c.WriteMessage(websocket.TextMessage, []byte("done")); err != nil {
		return
	}
	for {
		_ = c.SetReadDeadline(time.Now().Add(serverIdle))
		if _, _, err := c.ReadMessage(); err != nil {
			return
		}
	}
}

// pushPayload is a JSON object of exactly size bytes when size allows one, so that
// parse: 'auto' really parses it; smaller payloads are plain text.
func pushPayload(size int) []byte {
	const head, tail = `{"type":"tick","seq":1,"pad":"`, `"}`
	if size < len(head)+len(tail) {
		return []byte(strings.Repeat("x", size))
	}
	return []byte(head + strings.Repeat("x", size-len(head)-len(tail)) + tail)
}

// encodeFrame is one unmasked, final text frame carrying p, as a server sends it.
func encodeFrame(p []byte) []byte {
	f := []byte{0x81}
	switch n := len(p); {
	case n < 126:
		f = append(f, byte(n))
	case n < 1<<16:
		f = append(f, 126, byte(n>>8), byte(n))
	default:
		f = append(f, 127, 0, 0, 0, 0, byte(n>>24), byte(n>>16), byte(n>>8), byte(n))
	}
	return append(f, p...)
}
