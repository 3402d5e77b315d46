package eventloop

import (
	"context"
	"errors"
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

// waitParked returns once Run waits for work, the only time Deliver can run tasks itself.
func waitParked(l *Loop) {
	for !l.owner.TryLock() {
		runtime.Gosched()
	}
	l.owner.Unlock()
}

// runWith runs the loop with one source reserved and hands the source to body on another
// goroutine, once Run waits for work. body must end the run (close the source, fail, stop).
func runWith(t *testing.T, ctx context.Context, body func(src *Source)) error {
	t.Helper()
	l := newLoop(t)
	return l.Run(ctx, func() error {
		src := l.Reserve("socket", nil)
		go func() {
			waitParked(l)
			body(src)
		}()
		return nil
	})
}

func TestDeliverRunsOnTheCallerWhenTheLoopWaits(t *testing.T) {
	var ran, ranBeforeReturn atomic.Bool
	err := runWith(t, context.Background(), func(src *Source) {
		src.Deliver(func() error { ran.Store(true); return nil })
		ranBeforeReturn.Store(ran.Load())
		src.Close()
	})
	if err != nil {
		t.Fatal(err)
	}
	if !ranBeforeReturn.Load() {
		t.Fatal("the task had not run when Deliver returned, although the loop was waiting")
	}
}

func TestDeliverKeepsTheOrderOfPosts(t *testing.T) {
	var got []string // no lock: the race detector checks the tasks never overlap
	err := runWith(t, context.Background(), func(src *Source) {
		src.Post(func() error { got = append(got, "posted"); return nil })
		src.Deliver(func() error { got = append(got, "delivered"); return nil })
		src.Settle(func() error { got = append(got, "settled"); return nil })
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0] != "posted" || got[1] != "delivered" || got[2] != "settled" {
		t.Fatalf("tasks ran as %v, want posted, delivered, settled", got)
	}
}

func TestDeliveredTaskErrorEndsRun(t *testing.T) {
	boom := errors.New("boom")
	err := runWith(t, context.Background(), func(src *Source) {
		src.Deliver(func() error { return boom }) // the source stays open: only the error ends Run
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
}

func TestDeliveredStopEndsRun(t *testing.T) {
	l := newLoop(t)
	err := l.Run(context.Background(), func() error {
		src := l.Reserve("socket", nil)
		go func() {
			waitParked(l)
			src.Deliver(func() error { l.Stop(); return nil })
		}()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestDeliveredTaskThatClosesTheLastSourceEndsRun(t *testing.T) {
	err := runWith(t, context.Background(), func(src *Source) {
		src.Deliver(func() error { src.Close(); return nil })
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestDeliveredBusyLoopIsInterrupted(t *testing.T) {
	l := newLoop(t)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	delivered := make(chan struct{})
	err := l.Run(ctx, func() error {
		src := l.Reserve("socket", nil)
		go func() {
			defer close(delivered)
			waitParked(l)
			src.Deliver(func() error {
				_, err := l.VM().RunString("for(;;){}")
				return err
			})
		}()
		return nil
	})
	if !errors.Is(err, ErrInterrupted) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want interrupted deadline", err)
	}
	<-delivered // Deliver returned too
}

func TestDeliverOutsideRunQueues(t *testing.T) {
	l := newLoop(t)
	var src *Source
	if err := l.Run(context.Background(), func() error { src = l.Reserve("socket", nil); l.Stop(); return nil }); err != nil {
		t.Fatal(err)
	}
	ran := false
	src.Deliver(func() error { ran = true; src.Close(); return nil })
	if ran {
		t.Fatal("Deliver ran a task while no Run was waiting")
	}
	if err := l.Run(context.Background(), nil); err != nil || !ran {
		t.Fatalf("ran=%v err=%v, want the queued task run by the next Run", ran, err)
	}
}

// Many goroutines delivering and posting at once: every task runs exactly once, never two
// at a time (the race detector watches n), and Run ends when all sources are closed.
func TestDeliverFromManyGoroutines(t *testing.T) {
	const senders, each = 8, 500
	l := newLoop(t)
	n := 0
	err := l.Run(context.Background(), func() error {
		for i := range senders {
			src := l.Reserve("socket", nil)
			go func() {
				for j := range each {
					task := func() error { n++; return nil }
					if (i+j)%3 == 0 {
						src.Post(task)
					} else {
						src.Deliver(task)
					}
				}
				src.Close()
			}()
		}
		return nil
	})
	if err != nil || n != senders*each {
		t.Fatalf("n=%d err=%v, want %d tasks and no error", n, err, senders*each)
	}
}
