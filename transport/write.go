package transport

import (
	"fmt"
	"time"

	"github.com/gorilla/websocket"
)

// maxIdleQueue is the largest queue capacity the writer keeps for reuse
// between bursts.
const maxIdleQueue = 1024

// writeLoop is the writer goroutine. It drains the queue in order, and
// the backlog of direct writes (see wire), and exits after writing a
// close frame, after a failed write, or when the reader has finished.
// Besides it, only Send (directly, while the writer is idle) and gorilla
// (a close frame from the reader goroutine when it rejects a frame) write.
func (c *Conn) writeLoop() {
	defer close(c.writerDone)
	var batch []frame
	for {
		<-c.wake
		c.mu.Lock()
		if c.writing { // a Send is writing directly; it wakes us when done
			c.mu.Unlock()
			continue
		}
		c.writing = true
		batch, c.queue = c.queue, batch[:0]
		stopping := c.stopping
		c.mu.Unlock()
		if err := c.flush(); err != nil {
			c.drop(fmt.Errorf("write failed: %w", err))
			return
		}
		for i, f := range batch {
			batch[i] = frame{} // let the data go as soon as it is written
			// Uncounted before the write rather than after: once written, the peer's
			// answer may reach the script before this goroutine runs again, and
			// bufferedAmount must not show the message still waiting then. What the
			// kernel does not take joins the wire's backlog, which counts too.
			c.queued.Add(-int64(len(f.data)))
			if stopping && f.typ != websocket.CloseMessage {
				continue // the connection is over: only an echo of the peer's close is still due
			}
			err := c.writeFrame(f)
			if err == nil {
				err = c.flush()
			}
			if err != nil {
				c.drop(fmt.Errorf("write failed: %w", err))
				return
			}
			if f.typ == websocket.CloseMessage {
				return // nothing may follow a close frame
			}
		}
		if stopping {
			return
		}
		if cap(batch) > maxIdleQueue {
			batch = nil // a burst is over: do not keep its queue for the connection's life
		}
		c.mu.Lock()
		c.writing = false
		if len(c.queue) > 0 || c.stopping {
			c.signal()
		}
		c.mu.Unlock()
	}
}

// flush writes what direct writes left in the backlog. Writer goroutine.
func (c *Conn) flush() error {
	return c.wire.flush(writeTimeout)
}

func (c *Conn) writeFrame(f frame) error {
	deadline := time.Now().Add(writeTimeout)
	if f.typ == websocket.TextMessage || f.typ == websocket.BinaryMessage {
		c.ws.SetWriteDeadline(deadline)
		return c.ws.WriteMessage(f.typ, f.data)
	}
	return c.ws.WriteControl(f.typ, f.data, deadline)
}
