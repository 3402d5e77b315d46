package transport_test

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"github.com/wsrun/wsrun/transport"
	"github.com/wsrun/wsrun/transport/transporttest"
)

// net/http reads HTTP_PROXY, HTTPS_PROXY and NO_PROXY once per process, so
// each proxy case runs Dial in a child process (this test binary again)
// whose environment the parent sets. The proxy and the servers live in
// the parent. The variables below carry the case to the child.
const (
	proxyChildEnv  = "WSRUN_TEST_PROXY_CHILD" // the URL the child dials
	proxyCAEnv     = "WSRUN_TEST_PROXY_CA"    // CA file for wss
	proxyExpectEnv = "WSRUN_TEST_PROXY_EXPECT"
)

func TestProxyFromEnvironment(t *testing.T) {
	if u := os.Getenv(proxyChildEnv); u != "" {
		proxyChild(t, u)
		return
	}
	plain := strings.TrimPrefix(transporttest.NewEcho(t), "ws://")
	wssURL, caFile := transporttest.NewTLS(t, transporttest.Echo)
	secure := strings.TrimPrefix(wssURL, "wss://")
	// The targets are names nobody resolves: only the proxy, which maps
	// them to the servers above, can reach them. (net/http never proxies
	// loopback addresses, so 127.0.0.1 would not do.)
	proxy := newConnectProxy(t, map[string]string{
		"echo.wsrun.test:80": plain,
		"example.com:443":    secure, // httptest's certificate is valid for example.com
	})

	tests := []struct {
		name        string
		env         map[string]string
		url         string
		expect      string // "echo", or the error the child must see
		wantConnect string // the CONNECT target the proxy must see, or "" for none
		wantAuth    string
	}{
		{
			name:        "ws via HTTP_PROXY with credentials",
			env:         map[string]string{"HTTP_PROXY": "http://al:s3cret@" + proxy.addr},
			url:         "ws://echo.wsrun.test/chat",
			expect:      "echo",
			wantConnect: "echo.wsrun.test:80",
			wantAuth:    "Basic YWw6czNjcmV0",
		},
		{
			name:        "wss via HTTPS_PROXY",
			env:         map[string]string{"HTTPS_PROXY": "http://" + proxy.addr, "HTTP_PROXY": "http://127.0.0.1:1"},
			url:         "wss://example.com/chat",
			expect:      "echo",
			wantConnect: "example.com:443",
		},
		{
			name:   "NO_PROXY bypasses the proxy",
			env:    map[string]string{"HTTP_PROXY": "http://" + proxy.addr, "NO_PROXY": "wsrun.test"},
			url:    "ws://echo.wsrun.test/chat",
			expect: "cannot resolve host",
		},
		{
			name:   "proxy refuses",
			env:    map[string]string{"HTTP_PROXY": "http://" + proxy.addr},
			url:    "ws://unknown.wsrun.test/chat",
			expect: "proxy " + proxy.addr + " answered 502 Bad Gateway",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, k := range []string{"HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY"} {
				t.Setenv(k, tt.env[k])
				t.Setenv(strings.ToLower(k), tt.env[k])
			}
			t.Setenv(proxyChildEnv, tt.url)
			t.Setenv(proxyCAEnv, caFile)
			t.Setenv(proxyExpectEnv, tt.expect)
			proxy.reset()
			out, err := exec.Command(os.Args[0], "-test.run=^TestProxyFromEnvironment$", "-test.v").CombinedOutput()
			if err != nil {
				t.Fatalf("child process failed: %v\n%s", err, out)
			}
			connects, auths := proxy.seen()
			if tt.wantConnect == "" && len(connects) > 0 && tt.expect == "cannot resolve host" {
				t.Errorf("proxy saw CONNECT %v, want none", connects)
			}
			if tt.wantConnect != "" {
				if len(connects) != 1 || connects[0] != tt.wantConnect {
					t.Errorf("proxy saw CONNECT %v, want [%s]", connects, tt.wantConnect)
				}
				if auths[0] != tt.wantAuth {
					t.Errorf("Proxy-Authorization = %q, want %q", auths[0], tt.wantAuth)
				}
			}
		})
	}
}

// proxyChild is the child side of TestProxyFromEnvironment.
func proxyChild(t *testing.T, u string) {
	expect := os.Getenv(proxyExpectEnv)
	c, err := transport.Dial(context.Background(), u, transport.DialOptions{TLS: transport.TLSFiles{CA: os.Getenv(proxyCAEnv)}})
	if expect != "echo" {
		if err == nil || !strings.Contains(err.Error(), expect) {
			t.Fatalf("Dial error = %v, want one containing %q", err, expect)
		}
		if strings.HasPrefix(expect, "proxy") && !errors.Is(err, transport.ErrProxy) {
			t.Errorf("errors.Is(%v, ErrProxy) = false", err)
		}
		return
	}
	if err != nil {
		t.Fatalf("Dial: %v", err)
	}
	r := newRecorder()
	c.Start(r)
	c.Send(transport.Text, []byte("through the proxy"))
	if m := r.next(t); string(m.Data) != "through the proxy" {
		t.Errorf("echo = %q", m.Data)
	}
	c.Close(1000, "")
	if e := r.waitClose(t); !e.Clean {
		t.Errorf("OnClose(%v)", e)
	}
}

// connectProxy is a minimal HTTP CONNECT proxy on 127.0.0.1 that tunnels
// to fixed addresses and records what it was asked.
type connectProxy struct {
	addr   string
	routes map[string]string
	ln     net.Listener
	wg     sync.WaitGroup

	mu       sync.Mutex
	connects []string
	auths    []string
	conns    []net.Conn
}

func newConnectProxy(t *testing.T, routes map[string]string) *connectProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &connectProxy{addr: ln.Addr().String(), routes: routes, ln: ln}
	p.wg.Go(p.accept)
	t.Cleanup(func() {
		ln.Close()
		p.mu.Lock()
		for _, c := range p.conns {
			c.Close()
		}
		p.mu.Unlock()
		p.wg.Wait()
	})
	return p
}

func (p *connectProxy) accept() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		p.conns = append(p.conns, c)
		p.mu.Unlock()
		p.wg.Go(func() { p.serve(c) })
	}
}

func (p *connectProxy) serve(c net.Conn) {
	defer c.Close()
	br := bufio.NewReader(c)
	req, err := http.ReadRequest(br)
	if err != nil {
		return
	}
	p.mu.Lock()
	p.connects = append(p.connects, req.Host)
	p.auths = append(p.auths, req.Header.Get("Proxy-Authorization"))
	p.mu.Unlock()
	target, ok := p.routes[req.Host]
	if req.Method != http.MethodConnect || !ok {
		io.WriteString(c, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
		return
	}
	up, err := net.Dial("tcp", target)
	if err != nil {
		io.WriteString(c, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
		return
	}
	p.mu.Lock()
	p.conns = append(p.conns, up)
	p.mu.Unlock()
	defer up.Close()
	io.WriteString(c, "HTTP/1.1 200 Connection established\r\n\r\n")
	done := make(chan struct{})
	go func() {
		io.Copy(up, br)
		up.Close()
		close(done)
	}()
	io.Copy(c, up)
	c.Close()
	<-done
}

func (p *connectProxy) reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.connects, p.auths = nil, nil
}

func (p *connectProxy) seen() (connects, auths []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.connects...), append([]string(nil), p.auths...)
}
