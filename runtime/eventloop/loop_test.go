package eventloop

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"
)

func newLoop(t *testing.T) *Loop {
	t.Helper()
	return New(goja.New())
}

func TestRunReturnsWhenNothingIsReserved(t *testing.T) {
	l := newLoop(t)
	ran := false
	if err := l.Run(context.Background(), func() error { ran = true; return nil }); err != nil {
		t.Fatal(err)
	}
	if !ran {
		t.Fatal("start did not run")
	}
}

func TestSettleFromAnotherGoroutine(t *testing.T) {
	l := newLoop(t)
	var got []string
	err := l.Run(context.Background(), func() error {
		for _, name := range []string{"a", "b"} {
			src := l.Reserve("job "+name, nil)
			go src.Settle(func() error { got = append(got, name); return nil })
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("got %v, want both tasks", got)
	}
}

func TestSourcePostsManyThenCloses(t *testing.T) {
	l := newLoop(t)
	n := 0
	err := l.Run(context.Background(), func() error {
		src := l.Reserve("stream", nil)
		go func() {
			for range 100 {
				src.Post(func() error { n++; return nil })
			}
			src.Close()
		}()
		return nil
	})
	if err != nil || n != 100 {
		t.Fatalf("n=%d err=%v, want 100 tasks and no error", n, err)
	}
}

func TestTaskErrorStopsRun(t *testing.T) {
	l := newLoop(t)
	boom := errors.New("boom")
	err := l.Run(context.Background(), func() error {
		src := l.Reserve("x", nil)
		src.Settle(func() error { return boom })
		l.Reserve("never", nil) // would keep the loop alive forever
		return nil
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
}

func TestTimeoutNamesPendingWork(t *testing.T) {
	l := newLoop(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	err := l.Run(ctx, func() error {
		l.Reserve("setInterval", nil)
		l.Reserve("setInterval", nil)
		l.Reserve("ws ws://127.0.0.1:1/", nil)
		return nil
	})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want deadline", err)
	}
	if got, want := l.Pending(), "2 × setInterval, 1 × ws ws://127.0.0.1:1/"; got != want {
		t.Fatalf("Pending() = %q, want %q", got, want)
	}
}

func TestBusyLoopIsInterrupted(t *testing.T) {
	l := newLoop(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	err := l.Run(ctx, func() error {
		_, err := l.VM().RunString("for(;;){}")
		return err
	})
	if !errors.Is(err, ErrInterrupted) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want interrupted deadline", err)
	}
	// The interrupt must not stay armed: the next script runs normally.
	if _, err := l.VM().RunString("1+1"); err != nil {
		t.Fatalf("VM still interrupted: %v", err)
	}
}

func TestStop(t *testing.T) {
	l := newLoop(t)
	err := l.Run(context.Background(), func() error {
		l.Reserve("forever", nil)
		src := l.Reserve("once", nil)
		go src.Settle(func() error { l.Stop(); return nil })
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestScopeDropsQueuedTasksAndRunsClosers(t *testing.T) {
	l := newLoop(t)
	var log []string
	l.PushScope()
	src := l.Reserve("conn", func() { log = append(log, "closed conn") })
	l.Reserve("timer", func() { log = append(log, "closed timer") })
	src.Post(func() error { log = append(log, "handler ran"); return nil })
	l.PopScope()
	if err := l.Run(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(log, ", "); got != "closed timer, closed conn" {
		t.Fatalf("log = %q; sources must close newest first and the queued handler must not run", got)
	}
	if src.Post(func() error { return nil }) {
		t.Fatal("Post on a closed source succeeded")
	}
}

func TestUnhandledRejection(t *testing.T) {
	l := newLoop(t)
	err := l.Run(context.Background(), func() error {
		_, err := l.VM().RunString(`Promise.reject(new Error("nobody catches me"))`)
		return err
	})
	var ur *UnhandledRejection
	if !errors.As(err, &ur) || !strings.Contains(ur.Error(), "nobody catches me") {
		t.Fatalf("err = %v, want an unhandled rejection", err)
	}
}

func TestHandledLaterInSameTaskIsFine(t *testing.T) {
	l := newLoop(t)
	err := l.Run(context.Background(), func() error {
		_, err := l.VM().RunString(`const p = Promise.reject(new Error("x")); p.catch(() => {})`)
		return err
	})
	if err != nil {
		t.Fatalf("err = %v, want none", err)
	}
}

func TestPromiseSettledFromGo(t *testing.T) {
	l := newLoop(t)
	vm := l.VM()
	var got goja.Value
	err := l.Run(context.Background(), func() error {
		p, resolve, _ := l.Promise("fetch")
		_ = vm.Set("p", p)
		_ = vm.Set("done", func(v goja.Value) { got = v })
		go resolve(42)
		_, err := vm.RunString(`p.then(done)`)
		return err
	})
	if err != nil || got == nil || got.ToInteger() != 42 {
		t.Fatalf("got %v, err %v; want 42", got, err)
	}
}

func TestPromiseRejectWithGoError(t *testing.T) {
	l := newLoop(t)
	vm := l.VM()
	var msg string
	err := l.Run(context.Background(), func() error {
		p, _, reject := l.Promise("dial")
		_ = vm.Set("p", p)
		_ = vm.Set("done", func(e *goja.Object) { msg = e.Get("message").String() })
		go reject(errors.New("connection refused"))
		_, err := vm.RunString(`p.catch(done)`)
		return err
	})
	if err != nil || msg != "connection refused" {
		t.Fatalf("msg %q err %v", msg, err)
	}
}

func TestFailFromCallback(t *testing.T) {
	l := newLoop(t)
	boom := errors.New("microtask failed")
	err := l.Run(context.Background(), func() error {
		l.Fail(boom)
		return nil
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
}

func TestShortTaskRunningAtTheDeadlineIsNotInterrupted(t *testing.T) {
	l := newLoop(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer cancel()
	err := l.Run(ctx, func() error {
		// Busy for 20ms of wall time, across the deadline but well within interruptGrace.
		_, err := l.VM().RunString(`const end = Date.now() + 20; while (Date.now() < end) {}`)
		return err
	})
	if errors.Is(err, ErrInterrupted) {
		t.Fatalf("a task that finishes within the grace period was interrupted: %v", err)
	}
}

func TestReleasedSourcesAreForgottenByTheirScope(t *testing.T) {
	l := newLoop(t)
	l.PushScope()
	for range 1000 {
		l.Reserve("wait", nil).Release()
	}
	if n := l.Scope().closers.Len(); n != 0 {
		t.Fatalf("scope still holds %d released sources", n)
	}
	l.PopScope()
}

func TestLazyLabel(t *testing.T) {
	l := newLoop(t)
	calls := 0
	src := l.ReserveLazy(func() string { calls++; return "alice.expect({…})" }, nil)
	if calls != 0 {
		t.Fatal("label built before anyone asked")
	}
	if got := l.Pending(); got != "1 × alice.expect({…})" || calls != 1 {
		t.Fatalf("Pending() = %q after %d calls", got, calls)
	}
	src.Release()
}

// A lazy label may run a script's code, which may reserve the loop (a matcher's getter that
// calls setTimeout while a timeout message names what is pending): Pending must not hold the
// loop's lock meanwhile.
func TestLazyLabelThatReserves(t *testing.T) {
	got := make(chan string, 1)
	go func() { // the loop's goroutine; the test's only waits meanwhile
		l := newLoop(t)
		src := l.ReserveLazy(func() string {
			l.Reserve("setTimeout", nil)
			return "alice.expect({…})"
		}, nil)
		got <- l.Pending()
		src.Release()
	}()
	select {
	case p := <-got:
		if p != "1 × alice.expect({…})" {
			t.Fatalf("Pending() = %q", p)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Pending deadlocked: a lazy label that reserves the loop never returned")
	}
}

// A queue that is never empty, because each task queues the next before it ends, keeps
// running in order and reuses the front of its array instead of growing with what it ran.
func TestQueueThatNeverEmpties(t *testing.T) {
	l := newLoop(t)
	const n = 10000
	ran := 0
	var src *Source
	var step func() error
	step = func() error {
		ran++
		if ran < n {
			src.Post(step)
			src.Post(func() error { return nil }) // always one more waiting behind
		} else {
			src.Close()
		}
		return nil
	}
	if err := l.Run(context.Background(), func() error { src = l.Reserve("steps", nil); src.Post(step); return nil }); err != nil {
		t.Fatal(err)
	}
	if ran != n {
		t.Fatalf("ran %d steps, want %d", ran, n)
	}
	if c := cap(l.queue); c > 64 {
		t.Errorf("queue capacity %d after %d tasks, never more than 3 waiting: the run part is not reclaimed", c, 2*n)
	}
}

// Abort stops a busy script at once, a Run that waits for work, and, when it comes between
// two Runs, the next one; the error carries the cause, and the VM stays usable.
func TestAbort(t *testing.T) {
	cause := errors.New("used more than 1 MiB")
	for _, c := range []struct {
		name  string
		start func(l *Loop) Task
	}{
		{"busy script", func(l *Loop) Task {
			go func() { time.Sleep(10 * time.Millisecond); l.Abort(cause) }()
			return func() error { _, err := l.VM().RunString("for(;;){}"); return err }
		}},
		{"waiting", func(l *Loop) Task {
			return func() error {
				l.Reserve("forever", nil)
				go func() { time.Sleep(10 * time.Millisecond); l.Abort(cause) }()
				return nil
			}
		}},
		{"before Run", func(l *Loop) Task {
			l.Abort(cause)
			return func() error { t.Error("a task ran after Abort"); return nil }
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			l := newLoop(t)
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			err := l.Run(ctx, c.start(l))
			if !errors.Is(err, ErrInterrupted) || !errors.Is(err, cause) || ctx.Err() != nil {
				t.Fatalf("err = %v, want interrupted by the cause, before the deadline", err)
			}
			if err := l.Run(ctx, func() error { _, err := l.VM().RunString("1+1"); l.Stop(); return err }); err != nil {
				t.Fatalf("next Run: %v", err)
			}
		})
	}
}
