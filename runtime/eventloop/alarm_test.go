package eventloop

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"
)

// Alarms that are all overdue when the loop gets to them run in deadline order, then in the
// order they were scheduled.
func TestAlarmsRunInDeadlineOrder(t *testing.T) {
	l := newLoop(t)
	var got []string
	err := l.Run(context.Background(), func() error {
		for _, a := range []struct {
			name string
			ms   int
		}{{"b", 20}, {"a", 5}, {"c", 30}, {"d", 30}, {"e", 0}} {
			src := l.Reserve("alarm "+a.name, nil)
			l.After(src, time.Duration(a.ms)*time.Millisecond, func() error {
				got = append(got, a.name)
				src.Release()
				return nil
			})
		}
		for start := time.Now(); time.Since(start) < 60*time.Millisecond; {
			// keep the loop busy until every alarm is overdue
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"e", "a", "b", "c", "d"}; !slices.Equal(got, want) {
		t.Fatalf("alarms ran as %v, want %v", got, want)
	}
}

func TestStoppedAlarmDoesNotRun(t *testing.T) {
	l := newLoop(t)
	ran := false
	err := l.Run(context.Background(), func() error {
		src := l.Reserve("stopped", nil)
		a := l.After(src, time.Millisecond, func() error { ran = true; return nil })
		a.Stop()
		a.Stop() // twice is fine
		done := l.Reserve("later", nil)
		l.After(done, 20*time.Millisecond, func() error { src.Release(); done.Release(); return nil })
		return nil
	})
	if err != nil || ran {
		t.Fatalf("err=%v ran=%v, want the stopped alarm never to run", err, ran)
	}
}

// An alarm whose scope ends is dropped with its source, and the alarms after it still run,
// even when the firing was posted through the dropped source.
func TestAlarmOfAnEndedScope(t *testing.T) {
	l := newLoop(t)
	ranOld, ranNew := false, false
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := l.Run(ctx, func() error {
		next := l.Reserve("new", nil)
		l.After(next, 10*time.Millisecond, func() error { ranNew = true; next.Release(); return nil })
		l.PushScope()
		old := l.Reserve("old", nil)
		l.After(old, 0, func() error { ranOld = true; return nil })
		time.Sleep(5 * time.Millisecond) // old is the earliest: the firing is posted through it
		l.PopScope()                     // drops old, and the firing with it: the loop re-arms
		return nil
	})
	if err != nil || ranOld || !ranNew {
		t.Fatalf("err=%v ranOld=%v ranNew=%v, want only the new alarm run", err, ranOld, ranNew)
	}
}

// A failing task ends Run; the alarms still due run in the next Run, in order.
func TestAlarmErrorEndsRun(t *testing.T) {
	l := newLoop(t)
	boom := errors.New("boom")
	var got []string
	src := (*Source)(nil)
	err := l.Run(context.Background(), func() error {
		src = l.Reserve("alarms", nil)
		l.After(src, 0, func() error { got = append(got, "fails"); return boom })
		l.After(src, 0, func() error { got = append(got, "next"); src.Release(); return nil })
		return nil
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	if err := l.Run(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if want := []string{"fails", "next"}; !slices.Equal(got, want) {
		t.Fatalf("ran %v, want %v", got, want)
	}
}

// An alarm lives only as long as its source, even when the owner's onClose does not stop it
// (a host module's source reserved with a nil onClose): a closed source's alarm never runs,
// and the Go timer does not keep firing for it, which used to starve the alarms after it.
func TestAlarmOfAClosedSource(t *testing.T) {
	for _, c := range []struct {
		name  string
		close func(l *Loop, src *Source)
	}{
		{"closed", func(_ *Loop, src *Source) { src.Close() }},
		{"released", func(_ *Loop, src *Source) { src.Release() }},
		{"scope ended", func(l *Loop, _ *Source) { l.PopScope() }},
	} {
		t.Run(c.name, func(t *testing.T) {
			l := newLoop(t)
			ranDead, ranLive := false, false
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			err := l.Run(ctx, func() error {
				l.PushScope()
				dead := l.Reserve("dead", nil)
				l.After(dead, 0, func() error { ranDead = true; return nil })
				time.Sleep(5 * time.Millisecond) // due, and the firing posted through dead
				c.close(l, dead)
				l.After(dead, 0, func() error { ranDead = true; return nil }) // after close: never scheduled
				live := l.Reserve("live", nil)
				l.After(live, 100*time.Millisecond, func() error { ranLive = true; live.Release(); return nil })
				return nil
			})
			l.alarms.mu.Lock()
			fired, left := l.alarms.fired, len(l.alarms.pending)
			l.alarms.mu.Unlock()
			if err != nil || ranDead || !ranLive || fired > 10 || left != 0 {
				t.Fatalf("err=%v ranDead=%v ranLive=%v, the Go timer fired %d times and %d alarms are left; "+
					"want only the live alarm run, a few firings, none left", err, ranDead, ranLive, fired, left)
			}
		})
	}
}
