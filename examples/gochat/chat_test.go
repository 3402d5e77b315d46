package gochat

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/wsrun/wsrun/wsruntest"
)

// TestChatSuite runs the frontend team's JS suite against this server: each JS test is a
// subtest, e.g. go test -run 'TestChatSuite/two_users' ./examples/gochat/
func TestChatSuite(t *testing.T) {
	srv := httptest.NewServer(NewHub())
	defer srv.Close()
	url := "ws" + strings.TrimPrefix(srv.URL, "http") + "/chat"
	wsruntest.Run(t, "../../scripts/chat/chat.test.js", wsruntest.Env("CHAT_URL", url))
}
