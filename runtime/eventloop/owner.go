package eventloop

import (
	"bytes"
	"fmt"
	"runtime"
	"strconv"
	"strings"
)

// MustOwn panics unless the calling goroutine owns the loop (see the package doc), with a
// message that names the function that called MustOwn and its caller. Functions that touch the
// VM or the loop's state call it first, so a test that reaches one from a socket's or a timer's
// goroutine fails there instead of racing.
//
// Finding the calling goroutine costs microseconds (Go has no goroutine id but the header of
// runtime.Stack), so the check is compiled only into builds with the race detector, which is
// how the tests run (go test -race); elsewhere checkOwner is a false constant and MustOwn an
// empty function the compiler inlines away.
func (l *Loop) MustOwn() {
	if checkOwner {
		l.mustOwn()
	}
}

// own makes the calling goroutine the loop's owner and returns the previous one. Only the
// goroutine that may take ownership calls it: New, Run, and a Deliver holding l.owner.
func (l *Loop) own() (prev int64) {
	if !checkOwner {
		return 0
	}
	return l.ownerG.Swap(goid())
}

// mustOwn is MustOwn's check, apart so that MustOwn stays small enough to inline.
func (l *Loop) mustOwn() {
	g, owner := goid(), l.ownerG.Load()
	if g == owner {
		return
	}
	var pc [2]uintptr
	frames := runtime.CallersFrames(pc[:runtime.Callers(3, pc[:])]) // above mustOwn and MustOwn
	fn, _ := frames.Next()
	caller, _ := frames.Next()
	panic(fmt.Sprintf("eventloop: %s called from %s on goroutine %d, but goroutine %d owns the loop: "+
		"only the loop goroutine may use the loop and its VM; other goroutines hand it a task with Post, Settle or Deliver",
		shortName(fn.Function), shortName(caller.Function), g, owner))
}

// shortName drops the import path: "eventloop.(*Loop).Reserve".
func shortName(fn string) string {
	if fn == "" {
		return "?"
	}
	return fn[strings.LastIndexByte(fn, '/')+1:]
}

// goid returns the calling goroutine's id from the first line of its stack trace,
// "goroutine 18 [running]:".
func goid() int64 {
	var buf [32]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b = bytes.TrimPrefix(b, []byte("goroutine "))
	if i := bytes.IndexByte(b, ' '); i > 0 {
		b = b[:i]
	}
	id, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil {
		panic("eventloop: cannot read the goroutine id from " + strconv.Quote(string(buf[:])))
	}
	return id
}
