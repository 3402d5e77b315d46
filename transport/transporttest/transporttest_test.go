package transporttest_test

import (
	"net/http"
	"testing"

	"github.com/gorilla/websocket"
	"github.com/wsrun/wsrun/transport/transporttest"
)

func TestServers(t *testing.T) {
	transporttest.CheckGoroutines(t)
	t.Run("echo", func(t *testing.T) {
		c, _, err := websocket.DefaultDialer.Dial(transporttest.NewEcho(t), http.Header{"Sec-Websocket-Protocol": {"p1, p2"}})
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if c.Subprotocol() != "p1" {
			t.Errorf("subprotocol = %q, want the first offered", c.Subprotocol())
		}
		c.WriteMessage(websocket.BinaryMessage, []byte{1, 2})
		if typ, p, err := c.ReadMessage(); err != nil || typ != websocket.BinaryMessage || string(p) != "\x01\x02" {
			t.Errorf("echo = %d %q %v", typ, p, err)
		}
	})
	t.Run("refusing", func(t *testing.T) {
		_, resp, err := websocket.DefaultDialer.Dial(transporttest.NewRefusing(t, http.StatusTeapot, "short and stout"), nil)
		if err == nil || resp == nil || resp.StatusCode != http.StatusTeapot {
			t.Errorf("Dial = %v, %v; want a 418 refusal", resp, err)
		}
	})
	t.Run("handler left running", func(t *testing.T) {
		// Cleanup must close the connection and wait for the handler.
		u := transporttest.NewServer(t, func(c *websocket.Conn, _ *http.Request) {
			for {
				if _, _, err := c.ReadMessage(); err != nil {
					return
				}
			}
		})
		c, _, err := websocket.DefaultDialer.Dial(u, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
	})
}
