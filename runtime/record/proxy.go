package record

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
	"github.com/wsrun/wsrun/transport"
)

// stopWait bounds how long Close waits for the server side of each
// connection to finish its closing handshake before aborting it.
const stopWait = transport.CloseTimeout + time.Second

// StopCode is the close code clients and servers get when the recording stops.
const StopCode = 1001

// Options configures Start.
type Options struct {
	// Target is the server's ws:// or wss:// URL. Its path is the prefix of
	// every client's path; it may not have a query or fragment.
	Target string
	// Listen is the HOST:PORT clients connect to; port 0 picks a free one.
	Listen string
	// Insecure skips verification of a wss:// target's certificate.
	Insecure bool
	// Log receives a line for each connection the proxy could not relay
	// (the server refused it, or a message could not be passed on). Nil
	// discards them.
	Log io.Writer
	// MaxRecorded is how many bytes of messages the recording keeps (0: MaxRecorded). Later
	// messages are relayed but not recorded, so that a long or flooding session cannot
	// exhaust memory; the log says so once, and so does the generated test.
	MaxRecorded int64
}

// Proxy is a running recording proxy. Its methods may be called from any
// goroutine.
type Proxy struct {
	target   *url.URL
	opts     Options
	srv      *transport.Server
	rec      recorder
	stopping atomic.Bool
	logMu    sync.Mutex

	// pending holds the server connection dialed for an upgrade request
	// (keyed by *http.Request) from Verify until OnConnect takes it.
	pending sync.Map

	mu        sync.Mutex
	upstreams []*transport.Conn
}

// Start checks opts, listens, and relays every client connection to the
// target until Close.
func Start(opts Options) (*Proxy, error) {
	target, err := ParseTarget(opts.Target)
	if err != nil {
		return nil, err
	}
	host, port, err := net.SplitHostPort(opts.Listen)
	if err != nil {
		return nil, fmt.Errorf("--listen %q: want HOST:PORT, e.g. 127.0.0.1:8081", opts.Listen)
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < 0 || n > 65535 {
		return nil, fmt.Errorf("--listen %q: the port must be a number from 0 to 65535", opts.Listen)
	}
	p := &Proxy{target: target, opts: opts}
	p.rec.max = cmp.Or(opts.MaxRecorded, MaxRecorded)
	p.rec.rec.Target = target.String()
	p.srv, err = transport.Listen(transport.ServerOptions{
		Host:           host,
		Port:           n,
		AnyPath:        true,
		Compression:    true, // accepted when the client offers it; each side negotiates its own
		MaxMessageSize: -1,   // the proxy passes on what the server would judge
		Verify:         p.verify,
		SelectProtocol: p.protocol,
		OnConnect:      p.connect,
	})
	if err != nil {
		return nil, fmt.Errorf("--listen %s: %w", opts.Listen, err)
	}
	return p, nil
}

// ParseTarget checks a --target URL.
func ParseTarget(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return nil, fmt.Errorf("--target %q: %w", raw, err)
	case u.Scheme != "ws" && u.Scheme != "wss":
		return nil, fmt.Errorf("--target %q: want a ws:// or wss:// URL", raw)
	case u.Host == "":
		return nil, fmt.Errorf("--target %q: the URL has no host", raw)
	case u.User != nil: // wsrun connects to no such URL; its password would be written into the test
		return nil, fmt.Errorf("--target %q: give the server's URL without user info; clients' headers (Authorization) are passed on", raw)
	case u.RawQuery != "" || u.Fragment != "" || u.ForceQuery:
		return nil, fmt.Errorf("--target %q: give the server's URL without a query; the clients' queries are passed on", raw)
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	u.RawPath = ""
	return u, nil
}

// URL returns the address clients connect to, e.g. ws://127.0.0.1:8081/.
func (p *Proxy) URL() string { return p.srv.URL() }

// Recording returns what was recorded so far.
func (p *Proxy) Recording() Recording { return p.rec.snapshot() }

// Close stops recording, closes every connection on both sides with 1001
// and waits for them, boundedly. It blocks.
func (p *Proxy) Close() {
	p.stopping.Store(true)
	p.srv.Close(StopCode, "recording stopped")
	p.mu.Lock()
	ups := append([]*transport.Conn(nil), p.upstreams...)
	p.mu.Unlock()
	deadline := time.NewTimer(stopWait)
	defer deadline.Stop()
	for _, up := range ups {
		up.Close(StopCode, "recording stopped")
		select {
		case <-up.Done():
		case <-deadline.C:
			up.Abort()
		}
	}
}

// upstreamURL is the target with the client's path appended and its query kept:
// --target ws://host/api and a client at /chat?room=1 give ws://host/api/chat?room=1.
func upstreamURL(target *url.URL, r *http.Request) string {
	path := r.URL.EscapedPath()
	if path == "/" {
		path = ""
	}
	u := target.Scheme + "://" + target.Host + target.EscapedPath() + path
	if u == target.Scheme+"://"+target.Host {
		u += "/"
	}
	if r.URL.RawQuery != "" {
		u += "?" + r.URL.RawQuery
	}
	return u
}

// notForwarded are the request headers the proxy does not pass on: hop-by-hop
// ones, and those the WebSocket handshake of the server side sets itself.
var notForwarded = map[string]bool{
	"Connection": true, "Keep-Alive": true, "Proxy-Authenticate": true, "Proxy-Authorization": true,
	"Proxy-Connection": true, "Te": true, "Trailer": true, "Transfer-Encoding": true, "Upgrade": true,
	"Host": true, "Content-Length": true, "Sec-Websocket-Key": true, "Sec-Websocket-Version": true,
	"Sec-Websocket-Extensions": true, "Sec-Websocket-Protocol": true,
}

func forwardedHeaders(in http.Header) http.Header {
	out := http.Header{}
	for k, vs := range in {
		if !notForwarded[http.CanonicalHeaderKey(k)] {
			out[http.CanonicalHeaderKey(k)] = append([]string(nil), vs...)
		}
	}
	return out
}

func offersDeflate(r *http.Request) bool {
	for _, v := range r.Header.Values("Sec-Websocket-Extensions") {
		if strings.Contains(strings.ToLower(v), "permessage-deflate") {
			return true
		}
	}
	return false
}

// verify runs on the HTTP handler goroutine of an upgrade request: it dials
// the server with what the client offered, so that the client gets the
// server's refusal, or the server's choice of subprotocol.
func (p *Proxy) verify(r *http.Request) (bool, int, string) {
	if !websocket.IsWebSocketUpgrade(r) {
		return false, http.StatusBadRequest, "wsrun record: this address relays WebSocket connections only\n"
	}
	target := upstreamURL(p.target, r)
	up, err := transport.Dial(r.Context(), target, transport.DialOptions{
		Headers:        forwardedHeaders(r.Header),
		Protocols:      websocket.Subprotocols(r),
		Compression:    offersDeflate(r),
		MaxMessageSize: -1,
		Insecure:       p.opts.Insecure,
	})
	if err != nil {
		p.logf("wsrun record: %v\n", err)
		var he *transport.HandshakeError
		if errors.As(err, &he) && he.Status >= 400 {
			return false, he.Status, he.Body
		}
		return false, http.StatusBadGateway, err.Error() + "\n"
	}
	p.pending.Store(r, up)
	// An upgrade that fails after this (a malformed request) never reaches
	// connect: the server connection must not outlive the request.
	context.AfterFunc(r.Context(), func() {
		if v, ok := p.pending.LoadAndDelete(r); ok {
			v.(*transport.Conn).Abort()
		}
	})
	return true, 0, ""
}

func (p *Proxy) protocol(r *http.Request) string {
	if v, ok := p.pending.Load(r); ok {
		return v.(*transport.Conn).Protocol()
	}
	return ""
}

// connect runs on the HTTP handler goroutine after the client's upgrade.
func (p *Proxy) connect(c *transport.Conn, r *http.Request) {
	v, ok := p.pending.LoadAndDelete(r)
	if !ok {
		c.Abort()
		return
	}
	up := v.(*transport.Conn)
	p.mu.Lock()
	p.upstreams = append(p.upstreams, up)
	p.mu.Unlock()
	idx := p.rec.open(Connection{
		Path:        r.URL.RequestURI(),
		Headers:     forwardedHeaders(r.Header),
		Protocols:   websocket.Subprotocols(r),
		Protocol:    up.Protocol(),
		Compression: offersDeflate(r),
	})
	pr := &pair{}
	up.Start(&relay{p: p, pair: pr, conn: idx, to: c, fromServer: true})
	c.Start(&relay{p: p, pair: pr, conn: idx, to: up})
}

func (p *Proxy) logf(format string, args ...any) {
	if p.opts.Log == nil {
		return
	}
	p.logMu.Lock()
	fmt.Fprintf(p.opts.Log, format, args...)
	p.logMu.Unlock()
}

// pair is what the two relays of one client connection share.
type pair struct {
	closeOnce sync.Once
}

// relay passes on what one side of a connection receives to the other side.
// Its methods run on the reader goroutine of the side it reads.
type relay struct {
	p          *Proxy
	pair       *pair
	conn       int
	to         *transport.Conn
	fromServer bool
}

func (h *relay) OnMessage(m transport.Message) {
	kind := Sent
	if h.fromServer {
		kind = Received
	}
	if !h.p.stopping.Load() && h.p.rec.add(Event{Conn: h.conn, Kind: kind, Type: m.Type, Data: m.Data}) {
		h.p.logf("wsrun record: the recording is full (%d bytes of messages): later ones are relayed but not recorded\n", h.p.rec.max)
	}
	if err := h.to.Send(m.Type, m.Data); err != nil && !errors.Is(err, transport.ErrClosed) {
		h.p.logf("wsrun record: client%d: %v\n", h.conn+1, err)
	}
}

// OnPing passes the ping on. Pongs are not: each side's pings are answered
// by the proxy at once, and the other side's pong answers the relayed ping.
func (h *relay) OnPing(payload []byte) {
	_ = h.to.Ping(append([]byte(nil), payload...))
}

func (h *relay) OnPong([]byte) {}
func (h *relay) OnReadWait()   {}

// OnClose passes the first close of the pair on, with its code and reason; a
// side that vanished makes the proxy drop the other side too.
func (h *relay) OnClose(e *transport.CloseError) {
	h.pair.closeOnce.Do(func() {
		if !h.p.stopping.Load() {
			kind := ClientClosed
			if h.fromServer {
				kind = ServerClosed
			}
			code := e.Code
			if !e.Clean {
				code = websocket.CloseAbnormalClosure
			}
			h.p.rec.add(Event{Conn: h.conn, Kind: kind, Code: code, Reason: e.Reason})
		}
		if e.Clean {
			h.to.Close(e.Code, e.Reason)
		} else {
			h.to.Abort()
		}
	})
}
