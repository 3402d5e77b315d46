package ws

import (
	"container/heap"
	"sync"
	"time"
)

// deadlines times out a module's pending waits with one timer instead of one per wait.
// Starting a runtime timer that is due before every other one wakes an idle thread to watch
// it, which made a timer per expect the largest single cost of a fast echo round trip. Here
// the timer stays armed for the earliest deadline, and a new wait, due later, touches nothing
// but the heap.
type deadlines struct {
	mu      sync.Mutex
	pending waitHeap // earliest deadline first
	timer   *time.Timer
	armed   time.Time // when the timer fires; zero when it is not armed
}

// add schedules w's timeout. Loop goroutine.
func (d *deadlines) add(w *waiter) {
	w.deadline = time.Now().Add(w.timeout)
	d.mu.Lock()
	defer d.mu.Unlock()
	heap.Push(&d.pending, w)
	if d.armed.IsZero() || w.deadline.Before(d.armed) {
		d.arm(w.deadline)
	}
}

// remove forgets w, if it is scheduled. Any goroutine (a scope's end closes waits' sources).
func (d *deadlines) remove(w *waiter) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if w.index < 0 {
		return
	}
	heap.Remove(&d.pending, w.index)
	if d.armed.IsZero() && len(d.pending) > 0 {
		// A firing was on its way through w's source, which may have dropped it.
		d.arm(d.pending[0].deadline)
	}
}

// arm sets the timer for at. d.mu must be held.
func (d *deadlines) arm(at time.Time) {
	d.armed = at
	if d.timer == nil {
		d.timer = time.AfterFunc(time.Until(at), d.fire)
		return
	}
	d.timer.Reset(time.Until(at))
}

// fire runs on the timer's goroutine. It asks the loop to expire what is due, through the
// source of the earliest wait, which is open while that wait is pending.
func (d *deadlines) fire() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.armed = time.Time{}
	if len(d.pending) == 0 {
		return
	}
	if first := d.pending[0]; time.Now().Before(first.deadline) {
		d.arm(first.deadline) // armed for a wait that has finished since
	} else if !first.src.Post(d.expireDue) {
		d.arm(first.deadline.Add(time.Millisecond)) // its source is closing: remove will follow
	}
}

// expireDue times out every wait that is due, earliest first. Loop goroutine.
func (d *deadlines) expireDue() error {
	now := time.Now()
	var due []*waiter
	d.mu.Lock()
	for len(d.pending) > 0 && !d.pending[0].deadline.After(now) {
		due = append(due, heap.Pop(&d.pending).(*waiter))
	}
	if len(d.pending) > 0 && (d.armed.IsZero() || d.pending[0].deadline.Before(d.armed)) {
		d.arm(d.pending[0].deadline)
	}
	d.mu.Unlock()
	for _, w := range due {
		w.expire()
	}
	return nil
}

// waitHeap is a container/heap of waits by deadline; each wait knows its index.
type waitHeap []*waiter

func (h waitHeap) Len() int           { return len(h) }
func (h waitHeap) Less(i, j int) bool { return h[i].deadline.Before(h[j].deadline) }
func (h waitHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index, h[j].index = i, j
}

func (h *waitHeap) Push(x any) {
	w := x.(*waiter)
	w.index = len(*h)
	*h = append(*h, w)
}

func (h *waitHeap) Pop() any {
	old := *h
	w := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	w.index = -1
	return w
}
