package transport_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wsrun/wsrun/transport"
	"github.com/wsrun/wsrun/transport/transporttest"
)

func TestTLS(t *testing.T) {
	u, caFile := transporttest.NewTLS(t, transporttest.Echo)
	plain := transporttest.NewEcho(t)
	tests := []struct {
		name    string
		url     string
		opts    transport.DialOptions
		wantErr string // "" for success
	}{
		{"insecure", u, transport.DialOptions{Insecure: true}, ""},
		{"ca file", u, transport.DialOptions{TLS: transport.TLSFiles{CA: caFile}}, ""},
		{"untrusted", u, transport.DialOptions{}, "TLS handshake failed: certificate signed by unknown authority"},
		{"missing ca file", u, transport.DialOptions{TLS: transport.TLSFiles{CA: filepath.Join(t.TempDir(), "nope.pem")}},
			"TLS: read CA file: open "},
		{"ca file without certificates", u, transport.DialOptions{TLS: transport.TLSFiles{CA: writeFile(t, "empty.pem", "nothing")}},
			"TLS: no PEM certificate found in CA file"},
		{"plain server", "wss" + strings.TrimPrefix(plain, "ws"), transport.DialOptions{Insecure: true},
			"TLS handshake failed: the server does not speak TLS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.wantErr != "" {
				err := dialErr(t, tt.url, tt.opts)
				if !errors.Is(err, transport.ErrTLS) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("err = %v, want ErrTLS containing %q", err, tt.wantErr)
				}
				return
			}
			c, r := dial(t, tt.url, tt.opts)
			c.Send(transport.Text, []byte("secure"))
			if m := r.next(t); string(m.Data) != "secure" {
				t.Errorf("echo = %q", m.Data)
			}
		})
	}
}

func TestTLSClientCertificate(t *testing.T) {
	certFile, keyFile, clientCert := clientCertificate(t)
	pool := x509.NewCertPool()
	pool.AddCert(clientCert)
	subjects := make(chan string, 1)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := transporttest.Upgrade(w, r)
		if err != nil {
			return
		}
		defer c.Close()
		subjects <- r.TLS.PeerCertificates[0].Subject.CommonName
		c.ReadMessage()
	}))
	srv.TLS = &tls.Config{ClientAuth: tls.RequireAndVerifyClientCert, ClientCAs: pool}
	srv.Config.ErrorLog = quietLog()
	srv.StartTLS()
	t.Cleanup(srv.Close)
	u := "wss" + strings.TrimPrefix(srv.URL, "https")

	t.Run("with certificate", func(t *testing.T) {
		dial(t, u, transport.DialOptions{Insecure: true, TLS: transport.TLSFiles{Cert: certFile, Key: keyFile}})
		if cn := <-subjects; cn != "wsrun test client" {
			t.Errorf("server saw client %q", cn)
		}
	})
	t.Run("without certificate", func(t *testing.T) {
		err := dialErr(t, u, transport.DialOptions{Insecure: true})
		if !errors.Is(err, transport.ErrTLS) || !strings.Contains(err.Error(), "certificate") {
			t.Errorf("err = %v, want ErrTLS about the certificate", err)
		}
	})
	t.Run("bad key file", func(t *testing.T) {
		err := dialErr(t, u, transport.DialOptions{TLS: transport.TLSFiles{Cert: certFile, Key: certFile}})
		if !errors.Is(err, transport.ErrTLS) || !strings.Contains(err.Error(), "load client certificate") {
			t.Errorf("err = %v", err)
		}
	})
}

// clientCertificate writes a fresh self-signed client certificate and key
// and returns their paths and the certificate.
func clientCertificate(t *testing.T) (certFile, keyFile string, cert *x509.Certificate) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "wsrun test client"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err = x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certFile = writeFile(t, "client.pem", string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})))
	keyFile = writeFile(t, "client-key.pem", string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER})))
	return certFile, keyFile, cert
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}
