package web

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/runtime/eventloop"
)

// vu is the VU of a test: a loop, and the web globals set on its VM.
type vu struct{ loop *eventloop.Loop }

func (v vu) VM() *goja.Runtime                  { return v.loop.VM() }
func (v vu) Loop() *eventloop.Loop              { return v.loop }
func (v vu) Require(string) (goja.Value, error) { return nil, fmt.Errorf("no modules here") }

// newVM returns a loop whose VM has the web globals.
func newVM(t *testing.T) *eventloop.Loop {
	t.Helper()
	loop := eventloop.New(goja.New())
	exports, err := Module{}.Instantiate(vu{loop})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range Globals {
		v := exports.ToObject(loop.VM()).Get(name)
		if v == nil {
			t.Fatalf("no export %s", name)
		}
		_ = loop.VM().Set(name, v)
	}
	return loop
}

// eval runs src, then the loop until nothing is pending, and returns the value of `result`
// (or src's completion value when it sets none) as a string.
func eval(t *testing.T, loop *eventloop.Loop, src string) string {
	t.Helper()
	var v goja.Value
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := loop.Run(ctx, func() error {
		var err error
		v, err = loop.VM().RunString(src)
		return err
	})
	if err != nil {
		t.Fatalf("%s:\n%v", src, err)
	}
	if r := loop.VM().Get("result"); r != nil && !goja.IsUndefined(r) {
		v = r
		_ = loop.VM().Set("result", goja.Undefined())
	}
	return v.String()
}

// cases runs each JS expression and compares its string value.
func cases(t *testing.T, tcs []struct{ name, src, want string }) {
	t.Helper()
	for _, tc := range tcs {
		t.Run(tc.name, func(t *testing.T) {
			if got := eval(t, newVM(t), tc.src); got != tc.want {
				t.Errorf("%s\n got: %s\nwant: %s", tc.src, got, tc.want)
			}
		})
	}
}
