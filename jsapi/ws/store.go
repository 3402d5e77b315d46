package ws

// ring keeps the newest max records, for messages and sent.
type ring struct {
	buf   []*record
	start int // index of the oldest record once full
	max   int
}

func newRing(max int) ring { return ring{max: max} }

// push adds r and reports whether the oldest record was dropped to make room.
func (r *ring) push(rec *record) bool {
	if r.max <= 0 {
		return true
	}
	if len(r.buf) < r.max {
		r.buf = append(r.buf, rec)
		return false
	}
	r.buf[r.start] = rec
	r.start = (r.start + 1) % r.max
	return true
}

// all returns the records oldest first.
func (r *ring) all() []*record {
	out := make([]*record, 0, len(r.buf))
	out = append(out, r.buf[r.start:]...)
	return append(out, r.buf[:r.start]...)
}

// inbox holds the received messages no expect has consumed yet, oldest first.
type inbox = queue[*record]

// queue holds what no wait has consumed yet, oldest first: a Connection's messages, an
// inbox's items (wsrun/internal).
type queue[T comparable] struct {
	items   []T
	head    int
	max     int
	dropped int // unconsumed ones dropped to stay within max, for failure messages
}

func (b *queue[T]) len() int { return len(b.items) - b.head }

// at returns the i-th unconsumed message.
func (b *queue[T]) at(i int) T { return b.items[b.head+i] }

// push appends rec and reports whether the oldest message was dropped to stay within max.
func (b *queue[T]) push(rec T) bool {
	b.items = append(b.items, rec)
	dropped := false
	if b.max > 0 && b.len() > b.max {
		var zero T
		b.items[b.head] = zero
		b.head++
		b.dropped++
		dropped = true
	}
	if b.head > 1024 && b.head > len(b.items)/2 { // reclaim the consumed front
		n := copy(b.items, b.items[b.head:])
		clear(b.items[n:])
		b.items = b.items[:n]
		b.head = 0
	}
	return dropped
}

// remove consumes the i-th unconsumed message.
func (b *queue[T]) remove(i int) {
	var zero T
	j := b.head + i
	if i == 0 {
		b.items[j] = zero
		b.head++
		return
	}
	copy(b.items[j:], b.items[j+1:])
	b.items[len(b.items)-1] = zero
	b.items = b.items[:len(b.items)-1]
}

// removeRec consumes rec if it is still there.
func (b *queue[T]) removeRec(rec T) {
	for i := b.len() - 1; i >= 0; i-- {
		if b.at(i) == rec {
			b.remove(i)
			return
		}
	}
}
