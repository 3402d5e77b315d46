package transport_test

import (
	"bytes"
	"compress/flate"
	"errors"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/wsrun/wsrun/transport"
	"github.com/wsrun/wsrun/transport/transporttest"
)

// awaitingClose runs act, then reports the close code the connection under test sent back
// (0 if none came).
func awaitingClose(act transporttest.Act) (transporttest.Act, <-chan int) {
	codes := make(chan int, 1)
	return func(p *transporttest.Peer) {
		act(p)
		code, _ := p.AwaitClose()
		codes <- code
	}, codes
}

func writing(fin bool, rsv, op byte, payload []byte) transporttest.Act {
	return func(p *transporttest.Peer) { _ = p.WriteFrame(fin, rsv, op, payload) }
}

func sentCode(t *testing.T, codes <-chan int) int {
	t.Helper()
	select {
	case c := <-codes:
		return c
	case <-time.After(waitLong):
		t.Fatal("the hostile peer saw no close frame")
	}
	return 0
}

// TestHostileServers dials servers that break the protocol on purpose: each connection must
// end (no panic, no hang) with the close code RFC 6455 asks for and a cause that says why.
func TestHostileServers(t *testing.T) {
	cases := []struct {
		name     string
		act      transporttest.Act
		opts     transport.DialOptions
		code     int // the code OnClose reports
		sent     int // the close code the hostile server must receive; 0: none expected
		sentinel error
		text     string
	}{
		{name: "deflate bomb", act: writing(true, transporttest.RSV1, transporttest.OpBinary, transporttest.BombPayload(256<<20)),
			opts: transport.DialOptions{Compression: true, MaxMessageSize: 1 << 20}, code: 1009, sent: 1009,
			sentinel: transport.ErrMessageTooBig, text: "message exceeds maxMessageSize of 1048576 bytes after decompression"},
		{name: "deflate bomb under the default limit", act: writing(true, transporttest.RSV1, transporttest.OpBinary, transporttest.BombPayload(64<<20)),
			opts: transport.DialOptions{Compression: true}, code: 1009, sent: 1009,
			sentinel: transport.ErrMessageTooBig, text: "of 33554432 bytes after decompression"},
		{name: "corrupt deflate data", act: writing(true, transporttest.RSV1, transporttest.OpBinary, []byte{0xff, 0xff, 0xff, 0xff}),
			opts: transport.DialOptions{Compression: true}, code: 1007, sent: 1007,
			sentinel: transport.ErrBadCompression, text: "does not inflate"},
		{name: "invalid UTF-8", act: writing(true, 0, transporttest.OpText, []byte("caf\xe9!")), code: 1007, sent: 1007,
			sentinel: transport.ErrInvalidUTF8, text: "not valid UTF-8 (first bad byte at offset 3 of 5)"},
		{name: "invalid UTF-8 across fragments", act: func(p *transporttest.Peer) {
			_ = p.WriteFrame(false, 0, transporttest.OpText, []byte("ok \xe2\x82"))
			_ = p.WriteFrame(true, 0, transporttest.OpContinuation, []byte("x"))
		}, code: 1007, sent: 1007, sentinel: transport.ErrInvalidUTF8, text: "offset 3 of 6"},
		{name: "compressed invalid UTF-8", act: func(p *transporttest.Peer) {
			_ = p.WriteFrame(true, transporttest.RSV1, transporttest.OpText, deflated(t, []byte("\xff\xfe")))
		}, opts: transport.DialOptions{Compression: true}, code: 1007, sent: 1007, sentinel: transport.ErrInvalidUTF8},
		{name: "64-bit length with the high bit set", act: transporttest.HugeLength, code: 1009,
			sentinel: transport.ErrMessageTooBig},
		{name: "64-bit length with the high bit set, no limit", act: transporttest.HugeLength,
			opts: transport.DialOptions{MaxMessageSize: -1}, code: 1002, sentinel: transport.ErrProtocol, text: "2^63"},
		{name: "length larger than the data, then EOF", act: transporttest.ShortFrame, code: 1006,
			sentinel: transport.ErrConnectionLost, text: "unexpected EOF"},
		{name: "reset mid-frame", act: transporttest.ResetMidFrame, code: 1006, sentinel: transport.ErrConnectionLost},
		{name: "RSV2 set", act: writing(true, transporttest.RSV2, transporttest.OpText, []byte("hi")), code: 1002, sent: 1002,
			sentinel: transport.ErrProtocol, text: "the peer broke the WebSocket protocol: RSV2 set"},
		{name: "RSV1 without compression", act: writing(true, transporttest.RSV1, transporttest.OpText, []byte("hi")), code: 1002, sent: 1002,
			sentinel: transport.ErrProtocol, text: "RSV1 set"},
		{name: "reserved opcode", act: writing(true, 0, 0xB, nil), code: 1002, sent: 1002,
			sentinel: transport.ErrProtocol, text: "bad opcode 11"},
		{name: "control frame over 125 bytes", act: writing(true, 0, transporttest.OpPing, make([]byte, 200)), code: 1002, sent: 1002,
			sentinel: transport.ErrProtocol},
		{name: "masked server frame", act: func(p *transporttest.Peer) {
			_ = p.Write([]byte{0x81, 0x82, 0, 0, 0, 0, 'h', 'i'})
		}, code: 1002, sent: 1002, sentinel: transport.ErrProtocol, text: "bad MASK"},
		{name: "continuation with nothing to continue", act: writing(true, 0, transporttest.OpContinuation, []byte("x")),
			code: 1002, sent: 1002, sentinel: transport.ErrProtocol},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			act, codes := awaitingClose(tc.act)
			_, r := dial(t, transporttest.NewHostile(t, act), tc.opts)
			e := r.waitClose(t)
			if e.Code != tc.code || e.Clean || !errors.Is(e, tc.sentinel) || !strings.Contains(e.Error(), tc.text) {
				t.Errorf("OnClose(%v), want code %d, %v, %q", e, tc.code, tc.sentinel, tc.text)
			}
			if tc.sent != 0 {
				if got := sentCode(t, codes); got != tc.sent {
					t.Errorf("the server received close %d, want %d", got, tc.sent)
				}
			}
		})
	}
}

// TestDeflateBombCostsTheLimit checks that a message inflating far past maxMessageSize costs
// about the limit in memory, not its inflated size.
func TestDeflateBombCostsTheLimit(t *testing.T) {
	const limit, inflated = 1 << 20, 256 << 20
	u := transporttest.NewHostile(t, transporttest.Bomb(inflated))
	transporttest.BombPayload(inflated) // built before measuring
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, r := dial(t, u, transport.DialOptions{Compression: true, MaxMessageSize: limit})
	if e := r.waitClose(t); e.Code != 1009 {
		t.Fatalf("OnClose(%v), want 1009", e)
	}
	runtime.ReadMemStats(&after)
	if got := after.TotalAlloc - before.TotalAlloc; got > 16*limit {
		t.Errorf("reading the bomb allocated %d MiB; the limit is %d MiB", got>>20, limit>>20)
	}
}

// TestServerDeflateBomb sends a bomb to transport's own server: the server side bounds the
// inflated size too.
func TestServerDeflateBomb(t *testing.T) {
	closed := make(chan *transport.CloseError, 1)
	attackServer(t, transport.ServerOptions{Compression: true, OnConnect: func(c *transport.Conn, _ *http.Request) {
		c.Start(&closeOnly{closed: closed})
	}}, transporttest.Bomb(64<<20))
	select {
	case e := <-closed:
		if e.Code != 1009 || !strings.Contains(e.Error(), "after decompression") {
			t.Errorf("OnClose(%v), want 1009 after decompression", e)
		}
	case <-time.After(waitLong):
		t.Fatal("the server connection did not close")
	}
}

// TestServerInvalidUTF8 sends invalid UTF-8 to transport's own server.
func TestServerInvalidUTF8(t *testing.T) {
	closed := make(chan *transport.CloseError, 1)
	attackServer(t, transport.ServerOptions{OnConnect: func(c *transport.Conn, _ *http.Request) {
		c.Start(&closeOnly{closed: closed})
	}}, transporttest.InvalidUTF8)
	select {
	case e := <-closed:
		if e.Code != 1007 || !errors.Is(e, transport.ErrInvalidUTF8) {
			t.Errorf("OnClose(%v), want 1007 ErrInvalidUTF8", e)
		}
	case <-time.After(waitLong):
		t.Fatal("the server connection did not close")
	}
}

// attackServer starts a transport server with opts and has a hostile client play act
// against it.
func attackServer(t *testing.T, opts transport.ServerOptions, act transporttest.Act) {
	t.Helper()
	srv, err := transport.Listen(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close(1001, "") })
	att := transporttest.NewAttacker(t, act)
	resp, err := http.Get(att + "?url=" + url.QueryEscape(srv.URL()))
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("attacker: %v %v", resp, err)
	}
	resp.Body.Close()
}

type closeOnly struct{ closed chan *transport.CloseError }

func (h *closeOnly) OnMessage(transport.Message)     {}
func (h *closeOnly) OnPing([]byte)                   {}
func (h *closeOnly) OnPong([]byte)                   {}
func (h *closeOnly) OnReadWait()                     {}
func (h *closeOnly) OnClose(e *transport.CloseError) { h.closed <- e }

// TestSendToANonReadingPeer fills the buffers of a server that never reads: Send refuses
// once maxBuffered bytes wait, and Buffered reports them.
func TestSendToANonReadingPeer(t *testing.T) {
	for _, tc := range []struct {
		name string
		max  int64
		want int64
	}{
		{"default cap", 0, transport.DefaultMaxBuffered},
		{"small cap", 1 << 20, 1 << 20},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := dial(t, transporttest.NewHostile(t, transporttest.NeverRead), transport.DialOptions{MaxBuffered: tc.max})
			if c.MaxBuffered() != tc.want {
				t.Errorf("MaxBuffered() = %d, want %d", c.MaxBuffered(), tc.want)
			}
			msg := make([]byte, 64<<10)
			var err error
			for i := 0; i < 10000 && err == nil; i++ {
				err = c.Send(transport.Binary, msg)
			}
			var full *transport.BufferFullError
			if !errors.As(err, &full) || !errors.Is(err, transport.ErrBufferFull) {
				t.Fatalf("Send kept accepting, last error %v", err)
			}
			if full.Max != tc.want || full.Size != int64(len(msg)) || full.Buffered+full.Size <= tc.want {
				t.Errorf("BufferFullError %+v", full)
			}
			if b := c.Buffered(); b > tc.want || b < tc.want-int64(len(msg))-1024 {
				t.Errorf("Buffered() = %d, want about %d", b, tc.want)
			}
			if !strings.Contains(err.Error(), "bytes are still waiting to be written") {
				t.Errorf("error text: %v", err)
			}
			if c.Closed() {
				t.Error("a full buffer closed the connection")
			}
		})
	}
}

// TestBufferedDrains checks that Buffered falls back to 0 once a reading peer took
// everything, and that a message larger than the cap alone on an empty buffer is sent.
func TestBufferedDrains(t *testing.T) {
	c, r := dial(t, transporttest.NewEcho(t), transport.DialOptions{MaxBuffered: 1 << 10})
	if err := c.Send(transport.Binary, make([]byte, 4<<10)); err != nil {
		t.Fatalf("a message alone on an empty buffer was refused: %v", err)
	}
	if m := r.next(t); len(m.Data) != 4<<10 {
		t.Errorf("echo of %d bytes", len(m.Data))
	}
	if b := c.Buffered(); b != 0 {
		t.Errorf("Buffered() = %d after the echo, want 0", b)
	}
}

// deflated compresses b as permessage-deflate carries it.
func deflated(t *testing.T, b []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	w, _ := flate.NewWriter(&out, flate.BestSpeed)
	w.Write(b)
	w.Flush()
	return bytes.TrimSuffix(out.Bytes(), []byte{0, 0, 0xff, 0xff})
}

// TestServerSendToANonReadingClient: the server side caps unsent data the same way.
func TestServerSendToANonReadingClient(t *testing.T) {
	accepted := make(chan *transport.Conn, 1)
	attackServer(t, transport.ServerOptions{MaxBuffered: 1 << 20, OnConnect: func(c *transport.Conn, _ *http.Request) {
		c.Start(&closeOnly{closed: make(chan *transport.CloseError, 1)})
		accepted <- c
	}}, transporttest.NeverRead)
	c := <-accepted
	msg := make([]byte, 64<<10)
	var err error
	for i := 0; i < 10000 && err == nil; i++ {
		err = c.Send(transport.Binary, msg)
	}
	if !errors.Is(err, transport.ErrBufferFull) {
		t.Fatalf("Send kept accepting, last error %v", err)
	}
	if b := c.Buffered(); b > 1<<20 {
		t.Errorf("Buffered() = %d, over the cap", b)
	}
}
