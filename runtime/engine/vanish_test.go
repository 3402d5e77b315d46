package engine_test

import (
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/wsrun/wsrun/runtime/engine"
	"github.com/wsrun/wsrun/transport/transporttest"
)

// TestServerVanishing: a real server that drops the TCP connection without a close frame
// fails the waiting expect at once, and says so.
func TestServerVanishing(t *testing.T) {
	url := transporttest.NewServer(t, func(c *websocket.Conn, _ *http.Request) {
		_ = c.WriteMessage(websocket.TextMessage, []byte(`{"type":"hello"}`))
		time.Sleep(50 * time.Millisecond)
		_ = c.NetConn().Close() // gone: no closing handshake
	})
	sum, out, err := run(t, engine.Options{
		Paths:         []string{filepath.Join("vanish", "vanish.test.js")},
		Env:           map[string]string{"VANISH_URL": url},
		ExpectTimeout: 10 * time.Second, // the failure must come from the drop, not a timeout
	}, false)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Tests.Failed != 1 {
		t.Fatalf("want one failed test:\n%s", out)
	}
	golden(t, "vanish.golden", out)
}
