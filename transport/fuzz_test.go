package transport_test

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wsrun/wsrun/transport"
	"github.com/wsrun/wsrun/transport/transporttest"
)

// fuzzDeadline bounds how long a connection may take to end after its peer wrote the fuzzed
// bytes and hung up: the closing handshake's CloseTimeout and a margin.
const fuzzDeadline = transport.CloseTimeout + 3*time.Second

// FuzzReadFrames sends arbitrary bytes after a valid handshake, then hangs up: whatever they
// are, the connection must end (no hang) without a panic, and say why. The first byte picks
// the setup: bit 0 negotiates permessage-deflate, bit 1 sends the bytes to transport's own
// server (as a client, whose frames the server must see masked) instead of to a client, bit
// 2 lowers maxMessageSize to 64 bytes.
//
// Run it with: go test -fuzz FuzzReadFrames -fuzztime 20s ./transport
func FuzzReadFrames(f *testing.F) {
	const deflate, toServer, small = 1, 2, 4
	frame := func(b0 byte, payload string) []byte { // unmasked, short
		return append([]byte{b0, byte(len(payload))}, payload...)
	}
	masked := func(b0 byte, payload string) []byte { // with the zero key
		return append([]byte{b0, 0x80 | byte(len(payload)), 0, 0, 0, 0}, payload...)
	}
	cat := func(parts ...[]byte) []byte {
		var out []byte
		for _, p := range parts {
			out = append(out, p...)
		}
		return out
	}
	bomb := transporttest.BombPayload(1) // a MiB inflated from about 1 KiB: small enough to mutate quickly
	bombHeader := []byte{0xC2, 127, 0, 0, 0, 0, 0, 0, byte(len(bomb) >> 8), byte(len(bomb))}
	for _, seed := range [][]byte{
		cat([]byte{0}, frame(0x81, "hello")),
		cat([]byte{0}, frame(0x81, "caf\xe9")),
		cat([]byte{0}, frame(0x01, "frag"), frame(0x89, "ping"), frame(0x80, "ment")),
		cat([]byte{0}, frame(0x88, "\x03\xe8bye")),
		cat([]byte{0}, frame(0x88, "\x03\xe8\xff")),
		cat([]byte{0}, frame(0x88, "\x00\x01")),
		cat([]byte{0}, frame(0x8A, "pong"), frame(0x82, "\x00\x01\x02")),
		cat([]byte{0}, []byte{0x82, 127, 0x80, 0, 0, 0, 0, 0, 0, 10}),
		cat([]byte{0}, []byte{0x82, 126, 0x03, 0xE8}, make([]byte, 10)),
		cat([]byte{small}, []byte{0x82, 126, 0x03, 0xE8}, make([]byte, 1000)),
		cat([]byte{0}, frame(0xA1, "rsv2"), frame(0x83, "op3")),
		cat([]byte{deflate}, bombHeader, bomb),
		cat([]byte{deflate | small}, bombHeader, bomb),
		cat([]byte{deflate}, frame(0xC1, "\xff\xff\xff")),
		cat([]byte{deflate | small}, frame(0xC1, "\xf2\x48\xcd\xc9\xc9\x07\x00")),
		cat([]byte{toServer}, masked(0x81, "hello"), masked(0x81, "caf\xe9")),
		cat([]byte{toServer}, frame(0x81, "unmasked")),
		cat([]byte{toServer | deflate}, []byte{0xC2, 0xFF, 0, 0, 0, 0, 0, 0, byte(len(bomb) >> 8), byte(len(bomb)), 0, 0, 0, 0}, bomb),
		{},
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var flags byte
		if len(data) > 0 {
			flags, data = data[0], data[1:]
		}
		var limit int64
		if flags&small != 0 {
			limit = 64
		}
		h := &countingHandler{closed: make(chan *transport.CloseError, 1)}
		var c *transport.Conn
		if flags&toServer != 0 {
			accepted := make(chan *transport.Conn, 1)
			attackServer(t, transport.ServerOptions{Compression: flags&deflate != 0, MaxMessageSize: limit,
				OnConnect: func(c *transport.Conn, _ *http.Request) { c.Start(h); accepted <- c }}, transporttest.Raw(data))
			c = <-accepted
		} else {
			hs, err := transporttest.ListenHostile(transporttest.Raw(data))
			if err != nil {
				t.Fatal(err)
			}
			defer hs.Close()
			c, err = transport.Dial(context.Background(), hs.URL, transport.DialOptions{Compression: flags&deflate != 0, MaxMessageSize: limit})
			if err != nil {
				t.Fatal(err)
			}
			c.Start(h)
		}
		select {
		case <-c.Done():
		case <-time.After(fuzzDeadline):
			c.Abort()
			t.Fatalf("the connection did not end within %v of the peer hanging up (%d messages)", fuzzDeadline, h.messages.Load())
		}
		if e := <-h.closed; e == nil || e.Error() == "" {
			t.Fatalf("OnClose(%v)", e)
		}
	})
}

// countingHandler counts messages and keeps the close; it never blocks the reader.
type countingHandler struct {
	messages atomic.Int64
	closed   chan *transport.CloseError
}

func (h *countingHandler) OnMessage(transport.Message)     { h.messages.Add(1) }
func (h *countingHandler) OnPing([]byte)                   {}
func (h *countingHandler) OnPong([]byte)                   {}
func (h *countingHandler) OnReadWait()                     {}
func (h *countingHandler) OnClose(e *transport.CloseError) { h.closed <- e }
