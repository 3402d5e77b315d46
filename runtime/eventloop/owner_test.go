package eventloop

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/dop251/goja"
)

// offLoop calls fn on a new goroutine and returns what it panicked with.
func offLoop(fn func()) (panicked any) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		panicked = recoverFrom(fn)
	}()
	<-done
	return panicked
}

func TestMustOwnRefusesAnotherGoroutine(t *testing.T) {
	if !checkOwner {
		t.Skip("the ownership check is compiled only with -race")
	}
	l := newLoop(t)
	src := l.Reserve("socket", nil)
	calls := map[string]func(){
		"Reserve":   func() { l.Reserve("timer", nil) },
		"VM":        func() { l.VM() },
		"Fail":      func() { l.Fail(nil) },
		"PushScope": func() { l.PushScope() },
		"Release":   func() { src.Release() },
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			want := "eventloop.(*Loop)." + name + " called from"
			if name == "Release" {
				want = "eventloop.(*Source).Release called from"
			}
			msg := fmt.Sprint(offLoop(call))
			if !strings.Contains(msg, want) || !strings.Contains(msg, "owns the loop") {
				t.Fatalf("panic = %q, want it to name %q and the owner", msg, want)
			}
		})
	}
}

func TestMustOwnFollowsDeliver(t *testing.T) {
	if !checkOwner {
		t.Skip("the ownership check is compiled only with -race")
	}
	var before, inTask, after any
	err := runWith(t, context.Background(), func(src *Source) {
		// Run waits for work: this goroutine owns the loop only while it runs a delivered task.
		l := src.loop
		before = recoverFrom(func() { l.PushScope() })
		src.Deliver(func() error {
			inTask = recoverFrom(func() { l.Reserve("inside", nil).Close() })
			return nil
		})
		after = recoverFrom(func() { l.PushScope() })
		src.Close()
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		when string
		got  any
	}{{"before Deliver", before}, {"after Deliver", after}} {
		if msg := fmt.Sprint(c.got); !strings.Contains(msg, "eventloop.(*Loop).PushScope called from") {
			t.Errorf("PushScope on the reader's goroutine %s: panic = %q, want the ownership panic", c.when, msg)
		}
	}
	if inTask != nil {
		t.Errorf("Reserve in a delivered task panicked: %v", inTask)
	}
}

func recoverFrom(fn func()) (panicked any) {
	defer func() { panicked = recover() }()
	fn()
	return nil
}

// BenchmarkMustOwn shows what the check costs: nothing without -race, where it is an empty
// function inlined away (what is left is the loop counting, as in the empty benchmark), and
// microseconds with it. b.N, not b.Loop, which would keep the call from being inlined.
func BenchmarkMustOwn(b *testing.B) {
	b.Run("check", func(b *testing.B) {
		l := New(goja.New()) // here: each round of a benchmark runs on a goroutine of its own
		for range b.N {
			l.MustOwn()
		}
	})
	b.Run("empty", func(b *testing.B) {
		for range b.N {
		}
	})
}
