package transport_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strconv"
	"testing"

	"github.com/gorilla/websocket"
	"github.com/wsrun/wsrun/transport"
	"github.com/wsrun/wsrun/transport/transporttest"
)

// Each benchmark compares raw gorilla ("raw": ReadMessage, as most gorilla
// code reads) with transport.Conn ("transport") against the same gorilla
// server. "raw-reuse" reads into one reused buffer: gorilla's floor, which
// no API handing out messages it does not reuse can reach.

var payload100 = []byte(`{"type":"tick","seq":123456,"price":101.25,"symbol":"ACME","note":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}`)

func BenchmarkEchoRoundTrip(b *testing.B) {
	u := transporttest.NewEcho(b)
	b.Run("raw", func(b *testing.B) {
		c := rawDial(b, u)
		b.SetBytes(int64(len(payload100)))
		b.ReportAllocs()
		for b.Loop() {
			if err := c.WriteMessage(websocket.TextMessage, payload100); err != nil {
				b.Fatal(err)
			}
			if _, _, err := c.ReadMessage(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("transport", func(b *testing.B) {
		h := &benchHandler{got: make(chan struct{}, 1)}
		c := benchDial(b, u, h)
		b.SetBytes(int64(len(payload100)))
		b.ReportAllocs()
		for b.Loop() {
			if err := c.Send(transport.Text, payload100); err != nil {
				b.Fatal(err)
			}
			<-h.got
		}
	})
}

func BenchmarkReceive100B(b *testing.B) {
	if len(payload100) != 100 {
		b.Fatalf("payload has %d bytes", len(payload100))
	}
	// The server answers a message "N" with N 100-byte binary frames,
	// pre-encoded and written in large chunks so that the benchmark
	// measures the client's reading rather than the server's syscalls.
	frame := append([]byte{0x82, 100}, payload100...) // FIN+binary, unmasked, length 100
	const chunkFrames = 1000
	chunk := bytes.Repeat(frame, chunkFrames)
	u := transporttest.NewServer(b, func(c *websocket.Conn, _ *http.Request) {
		for {
			_, p, err := c.ReadMessage()
			if err != nil {
				return
			}
			n, _ := strconv.Atoi(string(p))
			for n > 0 {
				k := min(n, chunkFrames)
				if _, err := c.NetConn().Write(chunk[:k*len(frame)]); err != nil {
					return
				}
				n -= k
			}
		}
	})
	request := func(b *testing.B, send func([]byte) error) {
		if err := send([]byte(strconv.Itoa(b.N))); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("raw", func(b *testing.B) {
		c := rawDial(b, u)
		b.SetBytes(100)
		b.ReportAllocs()
		b.ResetTimer()
		request(b, func(p []byte) error { return c.WriteMessage(websocket.TextMessage, p) })
		for range b.N {
			if _, p, err := c.ReadMessage(); err != nil || len(p) != 100 {
				b.Fatal(err, len(p))
			}
		}
	})
	b.Run("raw-reuse", func(b *testing.B) {
		c := rawDial(b, u)
		buf := make([]byte, 100)
		b.SetBytes(100)
		b.ReportAllocs()
		b.ResetTimer()
		request(b, func(p []byte) error { return c.WriteMessage(websocket.TextMessage, p) })
		for range b.N {
			_, r, err := c.NextReader()
			if err == nil {
				_, err = io.ReadFull(r, buf)
			}
			if err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("transport", func(b *testing.B) {
		h := &benchHandler{want: b.N, got: make(chan struct{}, 1)}
		c := benchDial(b, u, h)
		b.SetBytes(100)
		b.ReportAllocs()
		b.ResetTimer()
		request(b, func(p []byte) error { return c.Send(transport.Text, p) })
		<-h.got
	})
}

func rawDial(b *testing.B, u string) *websocket.Conn {
	b.Helper()
	c, _, err := websocket.DefaultDialer.Dial(u, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { c.Close() })
	return c
}

func benchDial(b *testing.B, u string, h *benchHandler) *transport.Conn {
	b.Helper()
	c, err := transport.Dial(context.Background(), u, transport.DialOptions{})
	if err != nil {
		b.Fatal(err)
	}
	c.Start(h)
	b.Cleanup(func() {
		c.Abort()
		<-c.Done()
	})
	return c
}

// benchHandler signals got after every message (want == 0) or once, after
// want messages.
type benchHandler struct {
	want, n int
	got     chan struct{}
}

func (h *benchHandler) OnMessage(transport.Message) {
	h.n++
	if h.want == 0 || h.n == h.want {
		h.got <- struct{}{}
	}
}
func (h *benchHandler) OnPing([]byte)                 {}
func (h *benchHandler) OnPong([]byte)                 {}
func (h *benchHandler) OnReadWait()                   {}
func (h *benchHandler) OnClose(*transport.CloseError) {}
