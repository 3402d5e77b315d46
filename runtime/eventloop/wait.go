package eventloop

import "github.com/dop251/goja"

// Wait is a promise a script started and must await before its test ends: an expect*, a
// request, a ws.connect. The loop keeps the waits still pending per scope, so that the runner
// can fail a test whose function settled while one of them was still pending (a forgotten
// await would otherwise let the test pass), and then end them quietly.
//
// A Wait is meant to be embedded in its owner's own record, so tracking one allocates nothing:
// StartWait when the promise is made, Done when it settles.
type Wait struct {
	owner      WaitOwner
	scope      *Scope // nil once done or ended
	prev, next *Wait
}

// WaitOwner is what started a Wait.
type WaitOwner interface {
	// WaitLabel names the call as the script wrote it, e.g. `alice.expect({"type": "welcome"})`.
	WaitLabel() string
	// WaitSite is where the script made the call, innermost frame first, as
	// vm.CaptureCallStack gives it.
	WaitSite() []goja.StackFrame
	// CancelWait ends the wait without settling its promise: its timer stops and nothing it
	// would have done later runs, so a test that is over hears no more of it.
	CancelWait()
}

// waitList is a scope's pending waits, oldest first.
type waitList struct{ head, tail *Wait }

// StartWait records w, which owner embeds, as pending in the current scope.
func (l *Loop) StartWait(w *Wait, owner WaitOwner) {
	l.MustOwn()
	s := l.scope()
	*w = Wait{owner: owner, scope: s, prev: s.waits.tail}
	if s.waits.tail != nil {
		s.waits.tail.next = w
	} else {
		s.waits.head = w
	}
	s.waits.tail = w
}

// Done records that w settled. Calling it again, or after EndWaits ended w, does nothing.
func (w *Wait) Done() {
	s := w.scope
	if s == nil {
		return
	}
	if w.prev != nil {
		w.prev.next = w.next
	} else {
		s.waits.head = w.next
	}
	if w.next != nil {
		w.next.prev = w.prev
	} else {
		s.waits.tail = w.prev
	}
	w.scope, w.prev, w.next = nil, nil, nil
}

// Label is the owner's WaitLabel.
func (w *Wait) Label() string { return w.owner.WaitLabel() }

// Site is the owner's WaitSite.
func (w *Wait) Site() []goja.StackFrame { return w.owner.WaitSite() }

// EndWaits ends every wait still pending in the current scope, oldest first: each is removed
// and cancelled (see WaitOwner.CancelWait). It returns them so the caller can say which were
// forgotten.
func (l *Loop) EndWaits() []*Wait {
	l.MustOwn()
	s := l.scope()
	var ended []*Wait
	for w := s.waits.head; w != nil; w = s.waits.head {
		w.Done()
		ended = append(ended, w)
		w.owner.CancelWait()
	}
	return ended
}
