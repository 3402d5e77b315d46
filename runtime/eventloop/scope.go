package eventloop

import "container/list"

// Scope collects what must be released when a test, or a describe block's beforeAll/afterAll
// span, ends: every Source reserved while it was the innermost scope. Closing drops them newest
// first.
type Scope struct {
	closers *list.List
	closed  bool
	waits   waitList // see StartWait
}

type closer = list.Element

func newScope() *Scope { return &Scope{closers: list.New()} }

// add registers a source that closing the scope drops.
func (s *Scope) add(src *Source) *closer { return s.closers.PushBack(src) }

func (l *Loop) scope() *Scope { return l.scopes[len(l.scopes)-1] }

// Scope returns the innermost scope, for ReserveIn later.
func (l *Loop) Scope() *Scope {
	l.MustOwn()
	return l.scope()
}

// PushScope opens a new innermost scope.
func (l *Loop) PushScope() {
	l.MustOwn()
	l.scopes = append(l.scopes, newScope())
}

// PopScope closes the innermost scope: its sources are closed, newest first, and their queued
// tasks dropped. The outermost scope is never popped.
func (l *Loop) PopScope() {
	l.MustOwn()
	if len(l.scopes) == 1 {
		return
	}
	s := l.scope()
	l.scopes = l.scopes[:len(l.scopes)-1]
	s.closed = true
	for e := s.closers.Back(); e != nil; e = s.closers.Back() {
		s.closers.Remove(e)
		e.Value.(*Source).drop()
	}
}

// CloseAll closes every scope, outermost too: the end of a file.
func (l *Loop) CloseAll() {
	l.MustOwn()
	l.scopes = append([]*Scope{newScope()}, l.scopes...)
	for len(l.scopes) > 1 {
		l.PopScope()
	}
}
