package timers

import (
	"context"
	"testing"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/runtime/eventloop"
)

// Timers a test leaves running are forgotten when its scope ends, not kept until the file
// ends.
func TestTimersOfAnEndedScopeAreForgotten(t *testing.T) {
	loop := eventloop.New(goja.New())
	tm := newTimers(loop)
	for name, fn := range tm.Exports() {
		_ = loop.VM().Set(name, fn)
	}
	err := loop.Run(context.Background(), func() error {
		loop.PushScope()
		_, err := loop.VM().RunString(`setTimeout(() => {}, 60000); setInterval(() => {}, 60000)`)
		if err != nil {
			return err
		}
		if n := len(tm.active); n != 2 {
			t.Errorf("%d active timers, want 2", n)
		}
		loop.PopScope()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(tm.active); n != 0 {
		t.Errorf("%d timers still known after their scope ended, want 0", n)
	}
}
