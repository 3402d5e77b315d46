// Package eventloop runs JavaScript the way a browser or Node does: one goroutine owns a goja
// VM and runs tasks one at a time, while Go work (timers, sockets, HTTP) happens on other
// goroutines and hands its results back as tasks.
//
// The loop goroutine is whichever goroutine is inside Run; the VM may only be touched there.
// Between two calls of Run the same goroutine may use the VM directly. One exception: while Run
// waits for work, a goroutine that calls Source.Deliver runs the queued tasks itself, and is the
// loop goroutine until Deliver returns (Run waits for it before it goes on). A socket's reader
// uses it so that a reply reaches the script without a switch to Run's goroutine and back.
//
// Every method here is for the loop goroutine only, except those that pass work between
// goroutines: Abort; Source's Post, Deliver, Settle, Close, Closed and Label; Alarm.Stop; and
// the resolve and reject that Promise returns (the error types and Recovered are plain
// values). The loop-only methods of Loop and Source check their caller with MustOwn, which
// panics naming the method in builds with the race detector (go test -race) and compiles to
// nothing in others; packages built on the loop call it in the tasks their goroutines post.
// goja_nodejs instead hands out the VM only inside RunOnLoop's callback, so that the type
// carries ownership; wsrun's engine drives the loop from its own goroutine, one Run per test
// or hook, and uses the VM between runs (to describe a failure, to reset expect's state),
// which a callback-only VM would turn into a task each, so a check stands in for the type.
//
// Async Go work first reserves the loop with Reserve, on the loop goroutine, which returns a
// Source. A one-shot job later calls Settle exactly once from any goroutine; a long-lived source
// (a socket, an interval) calls Post as often as it likes and Close once. Run returns when the
// queue is empty and no Source is open, when Stop is called, when a task fails, or when its
// context ends; that way a test can tell "still waiting on a socket" from "nothing can ever
// happen again", and Pending names what it is still waiting on.
//
// After schedules a task at a deadline, through a source: every such alarm of a loop waits
// behind one Go timer and runs in deadline order, which is how timers and expect timeouts
// are built. An alarm lives as long as its source: closing the source stops it.
//
// Abort stops a Run from any goroutine at once, with a cause its error carries: the engine's
// memory watchdog uses it.
//
// A task that panics in Go, or whose script is interrupted because Run's context ended, ends
// Run with a *PanicError or an *InterruptError; the loop then resets the VM (goja's stacks, its
// queued promise jobs, the rejections noted so far), so one test's runaway script or a bug in
// a Go function does not cost the tests after it.
//
// Sources belong to the innermost Scope open when they were reserved. Closing a scope closes
// them, which is how a test's timers and connections are released after its afterEach hooks:
// a task posted by a closed source is dropped, so no handler of a finished test runs again.
//
// A Wait is a promise the script must await (an expect*, a connect): StartWait records it in
// the current scope until Done. EndWaits ends those still pending when a test's function has
// settled, which is how a forgotten await fails the test instead of passing unnoticed.
//
//	loop := eventloop.New(goja.New())
//	err := loop.Run(ctx, func() error {
//		src := loop.Reserve("setTimeout", nil)
//		time.AfterFunc(time.Second, func() { src.Settle(func() error { return nil }) })
//		return nil
//	})
package eventloop
