// Package gochat is a small broadcast chat server in Go, to show a Go team running the
// frontend team's JS suite (scripts/chat/chat.test.js) against it inside `go test`.
//
// Users connect with ?name=; everyone hears "NAME has connected", "NAME: text" for each
// message, and "NAME has disconnected". One goroutine per connection reads; writes to a
// connection go through its own mutex, since gorilla allows one concurrent writer.
package gochat

import (
	"net/http"
	"sync"

	"github.com/gorilla/websocket"
)

// Hub keeps the connected users.
type Hub struct {
	mu    sync.Mutex
	users map[*user]struct{}
}

type user struct {
	name string
	mu   sync.Mutex // one writer at a time
	conn *websocket.Conn
}

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// NewHub returns an empty chat.
func NewHub() *Hub { return &Hub{users: map[*user]struct{}{}} }

// ServeHTTP upgrades a request and relays the user's messages until they leave.
func (h *Hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // the upgrader has answered the request
	}
	u := &user{name: r.URL.Query().Get("name"), conn: conn}
	if u.name == "" {
		u.name = "anonymous"
	}
	h.mu.Lock()
	h.users[u] = struct{}{}
	h.mu.Unlock()
	h.broadcast(u.name + " has connected")
	defer func() {
		h.mu.Lock()
		delete(h.users, u)
		h.mu.Unlock()
		conn.Close()
		h.broadcast(u.name + " has disconnected")
	}()
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			return
		}
		h.broadcast(u.name + ": " + string(msg))
	}
}

func (h *Hub) broadcast(text string) {
	h.mu.Lock()
	users := make([]*user, 0, len(h.users))
	for u := range h.users {
		users = append(users, u)
	}
	h.mu.Unlock()
	for _, u := range users {
		u.mu.Lock()
		_ = u.conn.WriteMessage(websocket.TextMessage, []byte(text))
		u.mu.Unlock()
	}
}
