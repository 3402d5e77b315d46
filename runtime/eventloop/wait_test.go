package eventloop

import (
	"slices"
	"testing"

	"github.com/dop251/goja"
)

// testWait is a WaitOwner that records its cancellation.
type testWait struct {
	name      string
	pending   Wait
	cancelled bool
}

func (w *testWait) WaitLabel() string           { return w.name }
func (w *testWait) WaitSite() []goja.StackFrame { return nil }
func (w *testWait) CancelWait()                 { w.cancelled = true }

func start(l *Loop, name string) *testWait {
	w := &testWait{name: name}
	l.StartWait(&w.pending, w)
	return w
}

func labels(ws []*Wait) []string {
	var out []string
	for _, w := range ws {
		out = append(out, w.Label())
	}
	return out
}

func TestEndWaitsEndsThePendingOnesOldestFirst(t *testing.T) {
	l := newLoop(t)
	l.PushScope()
	a, b, c, d := start(l, "a"), start(l, "b"), start(l, "c"), start(l, "d")
	b.pending.Done() // in the middle
	d.pending.Done() // the newest
	d.pending.Done() // twice: nothing more happens
	got := l.EndWaits()
	if want := []string{"a", "c"}; !slices.Equal(labels(got), want) {
		t.Fatalf("ended %v, want %v", labels(got), want)
	}
	if !a.cancelled || !c.cancelled || b.cancelled || d.cancelled {
		t.Errorf("cancelled: a %v b %v c %v d %v; want only the pending a and c", a.cancelled, b.cancelled, c.cancelled, d.cancelled)
	}
	a.pending.Done() // its owner settling it after it was ended is harmless
	if got := l.EndWaits(); len(got) != 0 {
		t.Errorf("ended again: %v", labels(got))
	}
	e := start(l, "e") // the list is usable again after being emptied
	if got := l.EndWaits(); len(got) != 1 || got[0] != &e.pending {
		t.Errorf("ended %v, want [e]", labels(got))
	}
}

func TestEndWaitsSeesOnlyTheCurrentScope(t *testing.T) {
	l := newLoop(t)
	l.PushScope() // a describe block's
	outer := start(l, "outer")
	l.PushScope() // a test's
	inner := start(l, "inner")
	if got := l.EndWaits(); !slices.Equal(labels(got), []string{"inner"}) || !inner.cancelled || outer.cancelled {
		t.Fatalf("the test's scope ended %v", labels(got))
	}
	l.PopScope()
	if got := l.EndWaits(); !slices.Equal(labels(got), []string{"outer"}) {
		t.Fatalf("the describe's scope ended %v", labels(got))
	}
}

func TestWaitDoneAllocatesNothing(t *testing.T) {
	l := newLoop(t)
	w := &testWait{name: "w"}
	allocs := testing.AllocsPerRun(100, func() {
		l.StartWait(&w.pending, w)
		w.pending.Done()
	})
	want := 0.0
	if checkOwner {
		want = 1 // StartWait's MustOwn: runtime.Stack's buffer, in race builds only
	}
	if allocs != want {
		t.Errorf("StartWait and Done allocate %v times, want %v", allocs, want)
	}
}
