package transport_test

import (
	"bytes"
	"fmt"
	"net/http"
	"testing"

	"github.com/gorilla/websocket"
	"github.com/wsrun/wsrun/transport"
	"github.com/wsrun/wsrun/transport/transporttest"
)

// Message.Text shares the message's bytes: what the reader reads later (into the same slab, a
// new slab, a grown buffer, through the read-ahead) must never change a string taken before.
// Every message is distinct, sizes cross the slab and read-ahead sizes, and every string is
// checked only after all have arrived.
func TestTextKeepsEarlierMessagesIntact(t *testing.T) {
	sizes := []int{1, 100, 511, 513, 1000, 1024, 4000, 16 << 10, 16<<10 + 1, 40000, 3}
	const rounds = 60
	content := func(i int) []byte {
		size := sizes[i%len(sizes)]
		b := bytes.Repeat([]byte{byte('a' + i%26)}, size)
		copy(b, fmt.Sprintf("%d:", i))
		return b[:size]
	}
	n := rounds * len(sizes)
	url := transporttest.NewServer(t, func(c *websocket.Conn, _ *http.Request) {
		for i := range n {
			if c.WriteMessage(websocket.TextMessage, content(i)) != nil {
				return
			}
		}
		_, _, _ = c.ReadMessage() // until the client goes
	})
	_, r := dial(t, url, transport.DialOptions{})
	texts := make([]string, n)
	for i := range n {
		texts[i] = r.next(t).Text()
	}
	for i, s := range texts {
		if want := content(i); s != string(want) {
			t.Fatalf("message %d (%d bytes) changed after it was delivered: starts %.40q, want %.40q", i, len(want), s, want)
		}
	}
}
