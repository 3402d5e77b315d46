package engine_test

import (
	"bytes"
	"net/http"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/gorilla/websocket"
	"github.com/wsrun/wsrun/runtime/engine"
	"github.com/wsrun/wsrun/transport/transporttest"
)

// TestFloodOfTinyFrames: more frames than a connection queues for the loop, all in one TCP
// write, reach the script; none is lost and nothing waits forever.
func TestFloodOfTinyFrames(t *testing.T) {
	const frames = 5000
	url := transporttest.NewServer(t, func(c *websocket.Conn, _ *http.Request) {
		empty := []byte{0x81, 0x00} // FIN + text, no payload
		_, _ = c.NetConn().Write(bytes.Repeat(empty, frames))
		_ = c.WriteMessage(websocket.TextMessage, []byte("done"))
		_, _, _ = c.ReadMessage() // until the client closes
	})
	sum, out, err := run(t, engine.Options{
		Paths: []string{filepath.Join("flood", "tiny-frames.test.js")},
		Env:   map[string]string{"FLOOD_URL": url, "FLOOD_FRAMES": strconv.Itoa(frames)},
	}, false)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Tests.Passed != 1 {
		t.Fatalf("want the test passed:\n%s", out)
	}
}
