package transporttest

import (
	"bufio"
	"bytes"
	"compress/flate"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// A hostile peer speaks WebSocket by hand over a raw TCP socket: after a hand-made handshake,
// an Act writes whatever bytes it likes, so tests can send what no well-behaved library would
// (a deflate bomb, invalid UTF-8, impossible lengths, reserved bits) or behave badly (never
// read, reset the connection mid-frame). NewHostile plays the server for a client under test;
// NewAttacker plays the client against a server under test.

// Opcodes and header bits of RFC 6455 §5.2, for Acts that build frames themselves.
const (
	OpContinuation byte = 0x0
	OpText         byte = 0x1
	OpBinary       byte = 0x2
	OpClose        byte = 0x8
	OpPing         byte = 0x9
	OpPong         byte = 0xA

	RSV1 byte = 0x40 // "compressed" under permessage-deflate
	RSV2 byte = 0x20
	RSV3 byte = 0x10
)

// hostileIOWait bounds every read and write of a hostile peer, so that a test whose
// counterpart stopped cannot hang on it.
const hostileIOWait = 20 * time.Second

const wsGUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

// Peer is one hand-made WebSocket connection, after the handshake. Acts run on their own
// goroutine, one per connection.
type Peer struct {
	Conn net.Conn
	// Deflate is true when permessage-deflate was negotiated.
	Deflate bool
	// Done is closed when the server or attacker that made the Peer is closed: an Act that
	// waits (NeverRead) returns then.
	Done <-chan struct{}

	r      *bufio.Reader
	client bool // frames are masked, as RFC 6455 requires of clients
}

// Write writes raw bytes, no framing.
func (p *Peer) Write(b []byte) error {
	p.Conn.SetWriteDeadline(time.Now().Add(hostileIOWait))
	_, err := p.Conn.Write(b)
	return err
}

// WriteHeader writes a frame header that announces length bytes of payload, whatever follows.
// A client's header carries the zero masking key, so the payload goes out unchanged.
func (p *Peer) WriteHeader(fin bool, rsv, op byte, length uint64) error {
	b0 := rsv | op&0x0F
	if fin {
		b0 |= 0x80
	}
	var mask byte
	if p.client {
		mask = 0x80
	}
	h := []byte{b0, 0}
	switch {
	case length < 126:
		h[1] = mask | byte(length)
	case length <= 0xFFFF:
		h[1] = mask | 126
		h = binary.BigEndian.AppendUint16(h, uint16(length))
	default:
		h[1] = mask | 127
		h = binary.BigEndian.AppendUint64(h, length)
	}
	if p.client {
		h = append(h, 0, 0, 0, 0)
	}
	return p.Write(h)
}

// WriteFrame writes one whole frame.
func (p *Peer) WriteFrame(fin bool, rsv, op byte, payload []byte) error {
	if err := p.WriteHeader(fin, rsv, op, uint64(len(payload))); err != nil {
		return err
	}
	return p.Write(payload)
}

// ReadFrame reads one frame from the peer under test, unmasking a client's payload. It reads
// at most 1 MiB of payload.
func (p *Peer) ReadFrame() (fin bool, op byte, payload []byte, err error) {
	p.Conn.SetReadDeadline(time.Now().Add(hostileIOWait))
	var h [2]byte
	if _, err := io.ReadFull(p.r, h[:]); err != nil {
		return false, 0, nil, err
	}
	fin, op = h[0]&0x80 != 0, h[0]&0x0F
	n := uint64(h[1] & 0x7F)
	switch n {
	case 126:
		var b [2]byte
		_, err = io.ReadFull(p.r, b[:])
		n = uint64(binary.BigEndian.Uint16(b[:]))
	case 127:
		var b [8]byte
		_, err = io.ReadFull(p.r, b[:])
		n = binary.BigEndian.Uint64(b[:])
	}
	var key [4]byte
	if err == nil && h[1]&0x80 != 0 {
		_, err = io.ReadFull(p.r, key[:])
	}
	if err == nil && n > 1<<20 {
		err = fmt.Errorf("frame of %d bytes: too big for a hostile peer", n)
	}
	if err != nil {
		return false, 0, nil, err
	}
	payload = make([]byte, n)
	if _, err := io.ReadFull(p.r, payload); err != nil {
		return false, 0, nil, err
	}
	for i := range payload {
		payload[i] ^= key[i%4]
	}
	return fin, op, payload, nil
}

// AwaitClose reads frames until a close frame and returns its status code (1005 when it has
// none), or the error that ended the connection first.
func (p *Peer) AwaitClose() (int, error) {
	for {
		_, op, payload, err := p.ReadFrame()
		if err != nil {
			return 0, err
		}
		if op == OpClose {
			if len(payload) < 2 {
				return 1005, nil
			}
			return int(binary.BigEndian.Uint16(payload)), nil
		}
	}
}

// Drain reads and discards until the connection ends or Done closes, so that the peer under
// test can finish its closing handshake.
func (p *Peer) Drain() {
	go func() {
		<-p.Done
		p.Conn.Close()
	}()
	p.Conn.SetReadDeadline(time.Now().Add(hostileIOWait))
	_, _ = io.Copy(io.Discard, p.r)
}

// Reset drops the connection with a TCP RST rather than a FIN.
func (p *Peer) Reset() {
	if tc, ok := p.Conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	p.Conn.Close()
}

// Act is what a hostile peer does after the handshake; the connection is closed when it
// returns.
type Act func(p *Peer)

// Bomb sends one binary message compressed with permessage-deflate that inflates to
// inflated bytes (zeros), about 1 KiB of frame per MiB inflated, then drains. The peer under
// test must have negotiated compression.
func Bomb(inflated int64) Act {
	payload := BombPayload(inflated)
	return func(p *Peer) {
		if p.WriteFrame(true, RSV1, OpBinary, payload) == nil {
			p.Drain()
		}
	}
}

var (
	bombChunkOnce sync.Once
	bombChunk     []byte
)

// bombChunkSize is the inflated size of one repeated deflate chunk.
const bombChunkSize = 1 << 20

// BombPayload returns a permessage-deflate message payload that inflates to at least inflated
// zero bytes (rounded up to a MiB). It repeats one flushed deflate chunk of a MiB of zeros,
// whose back-references stay inside the chunk, so chunks can follow each other.
func BombPayload(inflated int64) []byte {
	bombChunkOnce.Do(func() {
		var b bytes.Buffer
		w, _ := flate.NewWriter(&b, flate.BestCompression)
		w.Write(make([]byte, bombChunkSize))
		w.Flush() // ends with the empty stored block 00 00 ff ff
		bombChunk = b.Bytes()
	})
	n := int((inflated + bombChunkSize - 1) / bombChunkSize)
	out := bytes.Repeat(bombChunk, n)
	return out[:len(out)-4] // permessage-deflate leaves the final 00 00 ff ff out
}

// InvalidUTF8 sends a text frame whose payload is not UTF-8, then drains.
func InvalidUTF8(p *Peer) {
	if p.WriteFrame(true, 0, OpText, []byte("caf\xe9 \xff\xfe")) == nil {
		p.Drain()
	}
}

// NeverRead never reads: whatever the peer under test sends fills the TCP buffers. It returns
// when the server is closed.
func NeverRead(p *Peer) { <-p.Done }

// HugeLength sends a frame header whose 64-bit length has the most significant bit set,
// which RFC 6455 forbids, then drains.
func HugeLength(p *Peer) {
	if p.WriteHeader(true, 0, OpBinary, 1<<63|10) == nil {
		p.Drain()
	}
}

// ShortFrame announces 1000 bytes of payload, sends 10, and closes its side (EOF mid-frame).
func ShortFrame(p *Peer) {
	if p.WriteHeader(true, 0, OpBinary, 1000) == nil && p.Write(make([]byte, 10)) == nil {
		if tc, ok := p.Conn.(*net.TCPConn); ok {
			tc.CloseWrite()
		}
		p.Drain()
	}
}

// ResetMidFrame announces 1000 bytes of payload, sends 10, and resets the connection.
func ResetMidFrame(p *Peer) {
	if p.WriteHeader(true, 0, OpBinary, 1000) == nil && p.Write(make([]byte, 10)) == nil {
		time.Sleep(50 * time.Millisecond) // let the bytes arrive before the RST discards them
	}
	p.Reset()
}

// ReservedBits sends a text frame with RSV2 set, which no extension negotiated, then drains.
func ReservedBits(p *Peer) {
	if p.WriteFrame(true, RSV2, OpText, []byte("hi")) == nil {
		p.Drain()
	}
}

// ReservedOpcode sends a frame with the reserved data opcode 0x3, then drains.
func ReservedOpcode(p *Peer) {
	if p.WriteFrame(true, 0, 0x3, []byte("hi")) == nil {
		p.Drain()
	}
}

// Raw returns an Act that writes b as it is and then closes the connection.
func Raw(b []byte) Act {
	return func(p *Peer) { _ = p.Write(b) }
}

// Hostile is a running hostile server or attacker.
type Hostile struct {
	// URL is the ws:// URL of a hostile server, or the http:// URL of an attacker.
	URL string

	ln    net.Listener
	done  chan struct{}
	once  sync.Once
	mu    sync.Mutex
	conns map[net.Conn]struct{}
	wg    sync.WaitGroup
}

// ListenHostile starts a hostile server on 127.0.0.1 that accepts every WebSocket upgrade on
// any path (with permessage-deflate when offered) and runs act on each connection. Close it
// when done; NewHostile does that for tests.
func ListenHostile(act Act) (*Hostile, error) {
	h, err := listen()
	if err != nil {
		return nil, err
	}
	h.URL = "ws://" + h.ln.Addr().String() + "/"
	go h.accept(func(c net.Conn) { h.serveUpgrade(c, act) })
	return h, nil
}

// ListenAttacker starts an HTTP endpoint on 127.0.0.1: each GET /?url=ws://… makes it connect
// to that URL with a hand-made client handshake (offering permessage-deflate), answer 200 once
// the upgrade succeeded (or 502 with the reason), and then run act on the connection. A
// script under test calls it with fetch, passing the URL of its own ws.serve server.
func ListenAttacker(act Act) (*Hostile, error) {
	h, err := listen()
	if err != nil {
		return nil, err
	}
	h.URL = "http://" + h.ln.Addr().String() + "/"
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, err := h.dial(r.URL.Query().Get("url"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		io.WriteString(w, "attacking\n")
		h.wg.Add(1)
		go func() {
			defer h.wg.Done()
			defer h.forget(p.Conn)
			act(p)
		}()
	})}
	go func() { _ = srv.Serve(h.ln) }()
	go func() { <-h.done; srv.Close() }()
	return h, nil
}

// NewHostile starts ListenHostile(act) for the test and returns its ws:// URL; cleanup closes it.
func NewHostile(t testing.TB, act Act) string {
	t.Helper()
	h, err := ListenHostile(act)
	if err != nil {
		t.Fatalf("hostile server: %v", err)
	}
	t.Cleanup(h.Close)
	return h.URL
}

// NewAttacker starts ListenAttacker(act) for the test and returns its http:// URL; cleanup
// closes it.
func NewAttacker(t testing.TB, act Act) string {
	t.Helper()
	h, err := ListenAttacker(act)
	if err != nil {
		t.Fatalf("hostile client: %v", err)
	}
	t.Cleanup(h.Close)
	return h.URL
}

func listen() (*Hostile, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	return &Hostile{ln: ln, done: make(chan struct{}), conns: map[net.Conn]struct{}{}}, nil
}

// Close stops listening, closes every connection and waits (up to cleanupWait) for the Acts
// to return.
func (h *Hostile) Close() {
	h.once.Do(func() {
		close(h.done)
		h.ln.Close()
		h.mu.Lock()
		for c := range h.conns {
			c.Close()
		}
		h.mu.Unlock()
		wait := make(chan struct{})
		go func() { h.wg.Wait(); close(wait) }()
		select {
		case <-wait:
		case <-time.After(cleanupWait):
		}
	})
}

func (h *Hostile) accept(serve func(net.Conn)) {
	for {
		c, err := h.ln.Accept()
		if err != nil {
			return
		}
		if !h.remember(c) {
			return
		}
		h.wg.Add(1)
		go func() {
			defer h.wg.Done()
			defer h.forget(c)
			serve(c)
		}()
	}
}

func (h *Hostile) remember(c net.Conn) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	select {
	case <-h.done:
		c.Close()
		return false
	default:
	}
	h.conns[c] = struct{}{}
	return true
}

func (h *Hostile) forget(c net.Conn) {
	h.mu.Lock()
	delete(h.conns, c)
	h.mu.Unlock()
	c.Close()
}

// serveUpgrade answers one upgrade request by hand, then runs act.
func (h *Hostile) serveUpgrade(c net.Conn, act Act) {
	r := bufio.NewReader(c)
	c.SetReadDeadline(time.Now().Add(hostileIOWait))
	req, err := http.ReadRequest(r)
	if err != nil {
		return
	}
	key := req.Header.Get("Sec-WebSocket-Key")
	if key == "" {
		io.WriteString(c, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
		return
	}
	deflate := strings.Contains(req.Header.Get("Sec-WebSocket-Extensions"), "permessage-deflate")
	resp := "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
		"Sec-WebSocket-Accept: " + acceptKey(key) + "\r\n"
	if deflate {
		resp += "Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover; client_no_context_takeover\r\n"
	}
	if _, err := io.WriteString(c, resp+"\r\n"); err != nil {
		return
	}
	c.SetReadDeadline(time.Time{})
	act(&Peer{Conn: c, Deflate: deflate, Done: h.done, r: r})
}

// dial connects to target with a hand-made client handshake.
func (h *Hostile) dial(target string) (*Peer, error) {
	u, err := url.Parse(target)
	if err != nil || u.Scheme != "ws" {
		return nil, fmt.Errorf("want ?url=ws://host:port/path, got %q", target)
	}
	c, err := net.DialTimeout("tcp", u.Host, hostileIOWait)
	if err != nil {
		return nil, err
	}
	if !h.remember(c) {
		return nil, errors.New("closed")
	}
	fail := func(err error) (*Peer, error) { h.forget(c); return nil, err }
	var nonce [16]byte
	rand.Read(nonce[:])
	key := base64.StdEncoding.EncodeToString(nonce[:])
	path := u.RequestURI()
	req := "GET " + path + " HTTP/1.1\r\nHost: " + u.Host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
		"Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n" +
		"Sec-WebSocket-Extensions: permessage-deflate; client_no_context_takeover; server_no_context_takeover\r\n\r\n"
	c.SetDeadline(time.Now().Add(hostileIOWait))
	if _, err := io.WriteString(c, req); err != nil {
		return fail(err)
	}
	r := bufio.NewReader(c)
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		return fail(err)
	}
	if resp.StatusCode != http.StatusSwitchingProtocols || resp.Header.Get("Sec-WebSocket-Accept") != acceptKey(key) {
		return fail(fmt.Errorf("upgrade refused: %s", resp.Status))
	}
	c.SetDeadline(time.Time{})
	deflate := strings.Contains(resp.Header.Get("Sec-WebSocket-Extensions"), "permessage-deflate")
	return &Peer{Conn: c, Deflate: deflate, Done: h.done, r: r, client: true}, nil
}

func acceptKey(key string) string {
	sum := sha1.Sum([]byte(key + wsGUID))
	return base64.StdEncoding.EncodeToString(sum[:])
}
