package main

import (
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// dial opens a connection with gorilla's default dialer, as wsrun's transport does underneath.
func dial(url string, deadline time.Time) (*websocket.Conn, error) {
	c, _, err := websocket.DefaultDialer.Dial(url, nil)
	if err != nil {
		return nil, fmt.Errorf("dial %s: %w", url, err)
	}
	if err := c.SetReadDeadline(deadline); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

// closeHandshake sends a 1000 close frame and reads until the server's close frame comes
// back, the same closing handshake wsrun's close() performs.
func closeHandshake(c *websocket.Conn, deadline time.Time) error {
	defer c.Close()
	msg := websocket.FormatCloseMessage(websocket.CloseNormalClosure, "")
	if err := c.WriteControl(websocket.CloseMessage, msg, deadline); err != nil {
		return fmt.Errorf("send close: %w", err)
	}
	for {
		if _, _, err := c.ReadMessage(); err != nil {
			if websocket.IsCloseError(err, websocket.CloseNormalClosure) {
				return nil
			}
			return fmt.Errorf("closing handshake: %w", err)
		}
	}
}

// connectClose is W1: connect, then close.
func connectClose(base string, deadline time.Time) error {
	c, err := dial(base+"/echo", deadline)
	if err != nil {
		return err
	}
	return closeHandshake(c, deadline)
}

// echo is W2: n sequential round trips of "msg-<i>", each reply checked.
func echo(base string, n int, deadline time.Time) error {
	c, err := dial(base+"/echo", deadline)
	if err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		msg := "msg-" + strconv.Itoa(i)
		if err := c.WriteMessage(websocket.TextMessage, []byte(msg)); err != nil {
			c.Close()
			return fmt.Errorf("round trip %d: send: %w", i, err)
		}
		_, got, err := c.ReadMessage()
		if err != nil {
			c.Close()
			return fmt.Errorf("round trip %d: read: %w", i, err)
		}
		if string(got) != msg {
			c.Close()
			return fmt.Errorf("round trip %d: sent %q, got %q", i, msg, got)
		}
	}
	return closeHandshake(c, deadline)
}

// push is W3: count the pushed frames until the "done" frame.
func push(base string, n, size int, deadline time.Time) error {
	c, err := dial(fmt.Sprintf("%s/push?n=%d&size=%d", base, n, size), deadline)
	if err != nil {
		return err
	}
	count := 0
	for {
		_, data, err := c.ReadMessage()
		if err != nil {
			c.Close()
			return fmt.Errorf("after %d frames: %w", count, err)
		}
		if string(data) == "done" {
			break
		}
		count++
	}
	if count != n {
		c.Close()
		return fmt.Errorf("received %d frames, want %d", count, n)
	}
	return closeHandshake(c, deadline)
}

// concurrent is W4: conns connections open at once, one goroutine each; every connection
// echoes one message once all are open, then all close.
func concurrent(base string, conns int, deadline time.Time) error {
	var (
		opened, echoed sync.WaitGroup
		mu             sync.Mutex
		errs           []error
	)
	fail := func(err error) {
		mu.Lock()
		errs = append(errs, err)
		mu.Unlock()
	}
	allOpen := make(chan struct{})
	opened.Add(conns)
	echoed.Add(conns)
	for i := 0; i < conns; i++ {
		go func() {
			defer echoed.Done()
			c, err := dial(base+"/echo", deadline)
			opened.Done()
			if err != nil {
				fail(err)
				return
			}
			<-allOpen
			msg := []byte("hello-" + strconv.Itoa(i))
			if err := c.WriteMessage(websocket.TextMessage, msg); err != nil {
				c.Close()
				fail(err)
				return
			}
			if _, got, err := c.ReadMessage(); err != nil || string(got) != string(msg) {
				c.Close()
				fail(fmt.Errorf("connection %d: echo: got %q, %v", i, got, err))
				return
			}
			if err := closeHandshake(c, deadline); err != nil {
				fail(err)
			}
		}()
	}
	opened.Wait()
	close(allOpen)
	echoed.Wait()
	return errors.Join(errs...)
}
