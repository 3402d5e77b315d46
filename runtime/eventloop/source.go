package eventloop

import (
	"sync"
	"sync/atomic"
)

// Source is a reservation on the loop: while it is open, Run keeps waiting for it.
type Source struct {
	loop    *Loop
	label   string
	lazy    func() string // builds the label only when asked, for sources on hot paths
	onClose func()
	once    sync.Once
	closed  atomic.Bool // no more posts accepted
	dropped atomic.Bool // queued tasks are discarded too (closed by cleanup, not by Settle)
	queued  atomic.Int64
	scope   *Scope
	elem    *closer
	alarms  *Alarm // scheduled by After through this source; guarded by loop.alarms.mu
}

// Reserve opens a Source labelled for timeout messages ("setTimeout", "ws ws://…"). onClose,
// if not nil, runs once when the source closes, on the goroutine that closes it, and is where
// the owner stops its Go work (a socket); the loop itself stops the source's alarms (After)
// first. The source belongs to the current scope.
func (l *Loop) Reserve(label string, onClose func()) *Source {
	l.MustOwn()
	return l.reserveIn(l.scope(), label, onClose)
}

// ReserveIn is Reserve into a given scope rather than the current one: for work that belongs
// to whoever started it, like a connection whose handshake finishes during a later test.
func (l *Loop) ReserveIn(scope *Scope, label string, onClose func()) *Source {
	l.MustOwn()
	return l.reserveIn(scope, label, onClose)
}

func (l *Loop) reserveIn(scope *Scope, label string, onClose func()) *Source {
	s := &Source{loop: l, label: label, onClose: onClose, scope: scope}
	if scope.closed { // its owner is gone: born closed, so it cannot keep the loop waiting
		s.drop()
		return s
	}
	l.mu.Lock()
	l.open[s] = struct{}{}
	l.mu.Unlock()
	s.elem = scope.add(s)
	return s
}

// ReserveLazy is Reserve with a label built only if Pending asks for it: for reservations
// made once per message or request, whose label would cost more than the work. label runs on
// the goroutine that calls Pending.
func (l *Loop) ReserveLazy(label func() string, onClose func()) *Source {
	l.MustOwn()
	s := l.reserveIn(l.scope(), "", onClose)
	s.lazy = label
	return s
}

// Label returns the source's label. A lazy label runs on the calling goroutine.
func (s *Source) Label() string {
	if s.lazy != nil {
		return s.lazy()
	}
	return s.label
}

// Release is Close for the loop goroutine: it also forgets the source in its scope at once,
// so a test that settles many waits does not keep each one alive until it ends.
func (s *Source) Release() {
	s.loop.MustOwn()
	s.Close()
	if s.elem != nil {
		s.scope.closers.Remove(s.elem)
	}
}

// Post queues task to run on the loop goroutine. It returns false, and drops the task, when
// the source is closed.
func (s *Source) Post(task Task) bool {
	if s.closed.Load() {
		return false
	}
	s.queued.Add(1)
	s.loop.push(entry{src: s, task: task})
	return true
}

// Deliver is Post for a goroutine that may run the task itself: when the loop is idle, waiting
// in Run, the task (and any queued after it) runs at once on the calling goroutine, which acts
// as the loop goroutine meanwhile. A socket's reader uses it so that a reply reaches the script
// without waking a second goroutine. The caller must hold no lock a task might want, and must
// not be a goroutine a task might wait for.
func (s *Source) Deliver(task Task) bool {
	if s.closed.Load() {
		return false
	}
	s.queued.Add(1)
	s.loop.deliver(entry{src: s, task: task})
	return true
}

// Settle posts a last task and closes the source: the one-shot form, for a timer or a request.
// The task still runs although the source is closed.
func (s *Source) Settle(task Task) bool {
	if s.closed.Load() {
		return false
	}
	s.queued.Add(1)
	s.loop.push(entry{src: s, task: task})
	s.Close()
	return true
}

// Close releases the reservation; tasks already queued still run. Safe to call more than
// once.
func (s *Source) Close() {
	s.once.Do(func() {
		s.closed.Store(true)
		s.loop.mu.Lock()
		delete(s.loop.open, s)
		last := len(s.loop.open) == 0
		s.loop.mu.Unlock()
		if last { // the loop may have become idle: Run must look
			s.loop.signal()
		}
		s.loop.stopAlarms(s)
		if s.onClose != nil {
			s.onClose()
		}
	})
}

// drop closes the source and discards its queued tasks; scopes use it so that nothing a
// finished test started runs again.
func (s *Source) drop() {
	s.dropped.Store(true)
	s.Close()
}

// Closed reports whether the source no longer accepts posts.
func (s *Source) Closed() bool { return s.closed.Load() }
