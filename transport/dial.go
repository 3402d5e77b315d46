package transport

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/gorilla/websocket"
)

const (
	// DefaultHandshakeTimeout bounds the whole of Dial when
	// DialOptions.HandshakeTimeout is zero: DNS, TCP, proxy CONNECT, TLS and
	// the HTTP upgrade together.
	DefaultHandshakeTimeout = 10 * time.Second

	// DefaultMaxMessageSize is the largest message a connection accepts when
	// no MaxMessageSize is given. A bigger message fails the connection with
	// close code 1009.
	DefaultMaxMessageSize int64 = 32 << 20

	// DefaultMaxBuffered caps the bytes Send accepted that are not yet
	// written to the socket when no MaxBuffered is given; see Conn.Send.
	DefaultMaxBuffered int64 = 64 << 20
)

// TLSFiles names PEM files for wss:// connections.
type TLSFiles struct {
	// CA is a bundle of certificates to trust instead of the system roots,
	// for servers whose certificate a private CA issued.
	CA string
	// Cert and Key are the client certificate and its private key, for
	// servers that ask for one. Key defaults to Cert (one file holding both).
	Cert string
	Key  string
}

// DialOptions configures Dial. The zero value dials with the defaults.
type DialOptions struct {
	// Headers are sent with the upgrade request.
	Headers http.Header
	// Query is appended, URL-encoded, to the URL's query.
	Query url.Values
	// Protocols are the subprotocols offered, in order of preference.
	Protocols []string
	// HandshakeTimeout bounds the whole dial; 0 means DefaultHandshakeTimeout.
	HandshakeTimeout time.Duration
	// Origin, if set, is sent as the Origin header.
	Origin string
	// Compression offers permessage-deflate.
	Compression bool
	// MaxMessageSize is the largest message accepted from the server; 0
	// means DefaultMaxMessageSize and a negative value means no limit.
	MaxMessageSize int64
	// MaxBuffered caps the bytes sent but not yet written to the socket
	// (see Conn.Send); 0 means DefaultMaxBuffered and a negative value
	// means no cap.
	MaxBuffered int64
	// Insecure skips verification of the server's TLS certificate.
	Insecure bool
	// TLS names a private CA and a client certificate.
	TLS TLSFiles
}

// Dial opens a WebSocket connection to rawURL (ws:// or wss://), honoring
// HTTP_PROXY (for ws), HTTPS_PROXY (for wss) and NO_PROXY with net/http's
// rules, under which localhost and loopback addresses are never proxied.
// It blocks until the handshake is done, fails, times out or ctx ends;
// call it off the JS loop.
// The returned Conn reads nothing until Start is called.
//
// Every error starts with "connect <url>: ". A refused upgrade is a
// *HandshakeError; other failures match ErrRefused, ErrHostNotFound,
// ErrHandshakeTimeout, ErrTLS, ErrProxy or ErrBadURL with errors.Is.
func Dial(ctx context.Context, rawURL string, opts DialOptions) (*Conn, error) {
	u, err := dialURL(rawURL, opts.Query)
	if err != nil {
		return nil, fmt.Errorf("connect %s: %w", rawURL, err)
	}
	target := u.String()
	timeout := opts.HandshakeTimeout
	if timeout <= 0 {
		timeout = DefaultHandshakeTimeout
	}
	hctx, cancel := context.WithTimeoutCause(ctx, timeout, ErrHandshakeTimeout)
	defer cancel()

	tlsCfg, err := tlsConfig(u, opts)
	if err != nil {
		return nil, fmt.Errorf("connect %s: %w", target, err)
	}
	raw, stream, w, err := openStream(hctx, u, tlsCfg)
	if err != nil {
		return nil, fmt.Errorf("connect %s: %w", target, explain(ctx, hctx, timeout, err))
	}
	hc := &handshakeConn{Conn: stream, recording: true, holdClose: true}
	ws, resp, err := upgrade(hctx, u, raw, hc, opts)
	if err != nil {
		defer raw.Close()
		if errors.Is(err, websocket.ErrBadHandshake) && resp != nil && hctx.Err() == nil {
			return nil, refusal(target, hc, resp)
		}
		return nil, fmt.Errorf("connect %s: %w", target, explain(ctx, hctx, timeout, err))
	}
	hc.handshakeDone()
	c := newConn(ws, w, raw, target, maxSize(opts.MaxMessageSize), bufferCap(opts.MaxBuffered))
	c.respHeader = resp.Header
	return c, nil
}

// upgrade runs gorilla's client handshake over the connected stream hc.
func upgrade(hctx context.Context, u *url.URL, raw net.Conn, hc *handshakeConn, opts DialOptions) (*websocket.Conn, *http.Response, error) {
	// gorilla honors hctx's deadline but not its cancellation: closing the
	// socket covers both.
	stop := context.AfterFunc(hctx, func() { raw.Close() })
	d := websocket.Dialer{
		NetDialContext:    func(context.Context, string, string) (net.Conn, error) { return hc, nil },
		Subprotocols:      opts.Protocols,
		EnableCompression: opts.Compression,
		ReadBufferSize:    gorillaReadBufferSize, // the wire reads ahead (see wire.Read)
		WriteBufferPool:   writePool,
	}
	// The stream is already connected (and TLS-wrapped for wss), so gorilla
	// gets a ws:// URL: the Host header and request URI are the same.
	ws, resp, err := d.DialContext(hctx, "ws://"+u.Host+u.RequestURI(), requestHeader(opts))
	if !stop() && err == nil {
		ws.Close() // the socket is closed already: hctx ended as gorilla finished
		return nil, resp, context.Cause(hctx)
	}
	return ws, resp, err
}

// explain turns an error from any stage of Dial into what the user should
// read, telling a handshake timeout and a cancelled ctx apart from the raw
// "i/o timeout" or "use of closed network connection" they cause.
func explain(ctx, hctx context.Context, timeout time.Duration, err error) error {
	switch {
	case ctx.Err() != nil:
		return &dialError{msg: "canceled: " + context.Cause(ctx).Error(), cause: context.Cause(ctx)}
	case hctx.Err() != nil || isTimeout(err):
		return &dialError{
			msg:  fmt.Sprintf("%s after %dms", ErrHandshakeTimeout, timeout.Milliseconds()),
			kind: ErrHandshakeTimeout, cause: err,
		}
	}
	return classify(err)
}

// dialURL parses rawURL, checks it is a ws:// or wss:// URL and appends query.
func dialURL(rawURL string, query url.Values) (*url.URL, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		reason := err
		var ue *url.Error
		if errors.As(err, &ue) {
			reason = ue.Err // the URL is in the message already
		}
		return nil, &dialError{msg: fmt.Sprintf("%s: %v", ErrBadURL, reason), kind: ErrBadURL, cause: err}
	}
	if u.Scheme != "ws" && u.Scheme != "wss" {
		return nil, &dialError{msg: fmt.Sprintf("%s: scheme must be ws or wss, not %q", ErrBadURL, u.Scheme), kind: ErrBadURL}
	}
	if u.Host == "" || u.User != nil {
		return nil, &dialError{msg: fmt.Sprintf("%s: want ws://host[:port]/path with no user info", ErrBadURL), kind: ErrBadURL}
	}
	if u.Path == "" {
		u.Path = "/"
	}
	if extra := query.Encode(); extra != "" {
		if u.RawQuery != "" {
			u.RawQuery += "&" + extra
		} else {
			u.RawQuery = extra
		}
	}
	u.Fragment, u.RawFragment = "", ""
	return u, nil
}

// requestHeader builds the upgrade request's extra headers. Keys are
// canonicalized because gorilla compares them in canonical form when it
// rejects duplicates of the headers it sets itself.
func requestHeader(opts DialOptions) http.Header {
	h := make(http.Header, len(opts.Headers)+1)
	for k, vs := range opts.Headers {
		ck := http.CanonicalHeaderKey(k)
		h[ck] = append(h[ck], vs...)
	}
	if opts.Origin != "" {
		h.Set("Origin", opts.Origin)
	}
	return h
}

func maxSize(n int64) int64 {
	switch {
	case n == 0:
		return DefaultMaxMessageSize
	case n < 0:
		return 0 // gorilla: no limit
	}
	return n
}

func bufferCap(n int64) int64 {
	switch {
	case n == 0:
		return DefaultMaxBuffered
	case n < 0:
		return 0 // no cap
	}
	return n
}
