package transport

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"syscall"
	"time"
)

// openStream connects to u's host, through the environment's proxy if one
// applies, and performs the TLS handshake for wss://. raw is the TCP
// connection (closing it aborts everything above it); stream is what the
// WebSocket handshake runs over; w is the wire under it, and under TLS, so
// that wss:// connections get direct writes too.
func openStream(ctx context.Context, u *url.URL, tlsCfg *tls.Config) (raw, stream net.Conn, w *wire, err error) {
	addr := hostPort(u.Host, u.Scheme == "wss")
	proxyURL, err := proxyFor(u)
	if err != nil {
		return nil, nil, nil, &dialError{msg: "proxy settings: " + err.Error(), kind: ErrProxy, cause: err}
	}
	if proxyURL != nil {
		raw, stream, err = dialProxy(ctx, proxyURL, addr)
	} else {
		var d net.Dialer
		raw, err = d.DialContext(ctx, "tcp", addr)
		stream = raw
	}
	if err != nil {
		return nil, nil, nil, err
	}
	w = newWire(stream)
	stream = w
	if tlsCfg != nil {
		tc := tls.Client(w, tlsCfg)
		if err := tc.HandshakeContext(ctx); err != nil {
			raw.Close()
			return nil, nil, nil, tlsHandshakeError(err)
		}
		stream = tc
	}
	return raw, stream, w, nil
}

// proxyFor returns the proxy for u from HTTP_PROXY, HTTPS_PROXY and
// NO_PROXY, with ws mapped to http and wss to https. net/http reads the
// environment once per process; tests that need another setting run in a
// child process.
func proxyFor(u *url.URL) (*url.URL, error) {
	scheme := "http"
	if u.Scheme == "wss" {
		scheme = "https"
	}
	return http.ProxyFromEnvironment(&http.Request{URL: &url.URL{Scheme: scheme, Host: u.Host}})
}

// dialProxy opens a tunnel to addr through an HTTP (or HTTPS) proxy with a
// CONNECT request.
func dialProxy(ctx context.Context, p *url.URL, addr string) (raw, stream net.Conn, err error) {
	if p.Scheme != "http" && p.Scheme != "https" {
		return nil, nil, &dialError{msg: fmt.Sprintf("proxy %s: unsupported proxy scheme %q (want http or https)", p.Redacted(), p.Scheme), kind: ErrProxy}
	}
	proxyFail := func(err error) error {
		msg := fmt.Sprintf("proxy %s: %v", p.Host, classify(err))
		if errors.Is(err, syscall.ECONNREFUSED) {
			msg = fmt.Sprintf("proxy %s: connection refused (is the proxy running?)", p.Host)
		}
		return &dialError{msg: msg, kind: ErrProxy, cause: classify(err)}
	}
	var d net.Dialer
	raw, err = d.DialContext(ctx, "tcp", hostPort(p.Host, p.Scheme == "https"))
	if err != nil {
		return nil, nil, proxyFail(err)
	}
	stop := context.AfterFunc(ctx, func() { raw.Close() })
	defer stop()
	stream = raw
	if p.Scheme == "https" {
		tc := tls.Client(raw, &tls.Config{ServerName: p.Hostname()})
		if err := tc.HandshakeContext(ctx); err != nil {
			raw.Close()
			return nil, nil, proxyFail(tlsHandshakeError(err))
		}
		stream = tc
	}
	if deadline, ok := ctx.Deadline(); ok {
		stream.SetDeadline(deadline)
		defer stream.SetDeadline(time.Time{})
	}

	req := &http.Request{
		Method: http.MethodConnect,
		URL:    &url.URL{Opaque: addr},
		Host:   addr,
		Header: make(http.Header),
	}
	if user := p.User; user != nil {
		pass, _ := user.Password()
		cred := base64.StdEncoding.EncodeToString([]byte(user.Username() + ":" + pass))
		req.Header.Set("Proxy-Authorization", "Basic "+cred)
	}
	if err := req.Write(stream); err != nil {
		raw.Close()
		return nil, nil, proxyFail(err)
	}
	br := bufio.NewReader(stream)
	resp, err := http.ReadResponse(br, req)
	if err != nil {
		raw.Close()
		return nil, nil, proxyFail(err)
	}
	if resp.StatusCode != http.StatusOK {
		raw.Close()
		return nil, nil, &dialError{msg: fmt.Sprintf("proxy %s answered %s", p.Host, resp.Status), kind: ErrProxy}
	}
	// The server does not speak before the upgrade request, so nothing
	// should be buffered; if a proxy sent more anyway, keep it.
	if br.Buffered() > 0 {
		stream = &bufferedConn{Conn: stream, r: br}
	}
	return raw, stream, nil
}

// bufferedConn reads through a bufio.Reader that may hold bytes already
// read from Conn.
type bufferedConn struct {
	net.Conn
	r *bufio.Reader
}

func (c *bufferedConn) Read(p []byte) (int, error) { return c.r.Read(p) }

// hostPort adds the scheme's default port to host when it has none.
func hostPort(host string, secure bool) string {
	if _, _, err := net.SplitHostPort(host); err == nil {
		return host
	}
	h := host
	if len(h) > 1 && h[0] == '[' && h[len(h)-1] == ']' {
		h = h[1 : len(h)-1]
	}
	if secure {
		return net.JoinHostPort(h, "443")
	}
	return net.JoinHostPort(h, "80")
}

// tlsConfig builds the client TLS configuration for a wss:// URL (nil for
// ws://) from the Insecure flag and the TLS files.
func tlsConfig(u *url.URL, opts DialOptions) (*tls.Config, error) {
	if u.Scheme != "wss" {
		return nil, nil
	}
	cfg := &tls.Config{
		ServerName:         u.Hostname(),
		InsecureSkipVerify: opts.Insecure,
		NextProtos:         []string{"http/1.1"},
	}
	if opts.TLS.CA != "" {
		pem, err := os.ReadFile(opts.TLS.CA)
		if err != nil {
			return nil, &dialError{msg: fmt.Sprintf("TLS: read CA file: %v", err), kind: ErrTLS, cause: err}
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, &dialError{msg: fmt.Sprintf("TLS: no PEM certificate found in CA file %s", opts.TLS.CA), kind: ErrTLS}
		}
		cfg.RootCAs = pool
	}
	if opts.TLS.Cert != "" || opts.TLS.Key != "" {
		certFile, keyFile := opts.TLS.Cert, opts.TLS.Key
		if keyFile == "" {
			keyFile = certFile
		}
		if certFile == "" {
			return nil, &dialError{msg: "TLS: a client key was given without its certificate", kind: ErrTLS}
		}
		cert, err := tls.LoadX509KeyPair(certFile, keyFile)
		if err != nil {
			return nil, &dialError{msg: fmt.Sprintf("TLS: load client certificate %s: %v", certFile, err), kind: ErrTLS, cause: err}
		}
		cfg.Certificates = []tls.Certificate{cert}
	}
	return cfg, nil
}

// tlsHandshakeError explains a failed TLS handshake. Timeouts and
// cancellations are passed through so that Dial reports them as such.
func tlsHandshakeError(err error) error {
	if isTimeout(err) || errors.Is(err, context.Canceled) || errors.Is(err, net.ErrClosed) {
		return err
	}
	var (
		header    tls.RecordHeaderError
		authority x509.UnknownAuthorityError
	)
	msg := "TLS handshake failed: " + err.Error()
	switch {
	case errors.As(err, &header):
		msg = "TLS handshake failed: the server does not speak TLS (is it a ws:// server?)"
	case errors.As(err, &authority):
		msg = "TLS handshake failed: certificate signed by unknown authority " +
			"(trust its CA with a CA file, or skip verification with insecure)"
	}
	return &dialError{msg: msg, kind: ErrTLS, cause: err}
}

// classify turns a network error from dialing or the upgrade into a
// readable dialError. Errors it does not recognise are returned unchanged.
func classify(err error) error {
	var (
		known *dialError
		dns   *net.DNSError
		op    *net.OpError
	)
	switch {
	case errors.As(err, &known):
		return err
	case errors.As(err, &op) && op.Op == "remote error":
		// A TLS alert after the client's side of the handshake, as TLS 1.3
		// servers send when they reject a client certificate.
		return tlsHandshakeError(err)
	case errors.As(err, &dns):
		msg := fmt.Sprintf("%s %q", ErrHostNotFound, dns.Name)
		if !dns.IsNotFound {
			msg += " (" + dns.Err + ")"
		}
		return &dialError{msg: msg, kind: ErrHostNotFound, cause: err}
	case errors.Is(err, syscall.ECONNREFUSED):
		return &dialError{msg: "connection refused (is the server running?)", kind: ErrRefused, cause: err}
	case errors.Is(err, syscall.ECONNRESET):
		return &dialError{msg: "the server reset the connection during the handshake", cause: err}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return &dialError{msg: "the server closed the connection during the handshake", cause: err}
	}
	return err
}

// isTimeout reports whether err is a deadline or timeout error.
func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, ErrHandshakeTimeout) ||
		(errors.As(err, &ne) && ne.Timeout())
}
