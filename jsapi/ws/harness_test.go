package ws

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/wsrun/expect"
	"github.com/wsrun/wsrun/runtime/eventloop"
	"github.com/wsrun/wsrun/transport/transporttest"
)

// Most tests of this package run small scripts against the module in one VM (a harness),
// with the assertions written in JS (the expect library is the global expect) and a ws.serve
// server, or a transporttest one, as the peer. The harness touches the VM only inside
// loop.Run, as the engine does.

// TestMain fails the package when goroutines outlive the tests: every socket and server a
// harness opened must be gone once its test has cleaned up.
func TestMain(m *testing.M) {
	os.Exit(transporttest.RunCheckingGoroutines(m, nil))
}

// runGuard bounds one run of a script. Reaching it is a failure (a wait that never ended),
// never an expected outcome: tests whose subject is a timeout give the wait a short one.
const runGuard = 30 * time.Second

// harnessExpectTimeout is the module's default expect timeout here: long, so that a wait
// that should be answered never fails for a slow machine.
const harnessExpectTimeout = 10 * time.Second

// prelude defines helpers every script may use:
//   - pair(serveOptions?, connectOptions?) starts a ws.serve server and connects a client:
//     { server, client, peer }, where peer is the server side of client;
//   - adopted(url, connectOptions?) connects to a ws.serve server and resolves once the server
//     has adopted the connection: a server side answers pings only after its onConnection
//     ran. Clients connected one after another with ws.connect alone may reach the server
//     in another order;
//   - rejection(promise) is the message the promise rejects with, and throws if it resolves;
//   - note(text) (a Go function) resolves with every transcript note so far that contains
//     text, once there is one: notes are how dropped messages and HTTP requests show.
const prelude = `
async function pair(serveOptions = {}, connectOptions = {}) {
	const server = await ws.serve(serveOptions);
	const [client, peer] = await Promise.all([ws.connect(server.url, connectOptions), server.expectConnection({ timeout: 60000 })]);
	return { server, client, peer };
}
async function adopted(url, connectOptions) {
	const conn = await ws.connect(url, connectOptions);
	await conn.ping();
	return conn;
}
async function rejection(p) {
	try {
		await p;
	} catch (e) {
		return e.message;
	}
	throw new Error('expected a rejection, but the promise resolved');
}
`

// harness is one VM with the module installed as the global ws.
type harness struct {
	t       *testing.T
	loop    *eventloop.Loop
	vm      *goja.Runtime
	mod     *Module
	notes   []string   // the transcript's notes, in order
	awaited []noteWait // note() calls not answered yet
}

// noteWait is a script's note(text) call waiting for its note.
type noteWait struct {
	text    string
	resolve func(any)
}

// newHarness installs the module with timeout as its default expect timeout (0: the
// harness's long one); its connections and servers are closed when the test ends.
func newHarness(t *testing.T, timeout time.Duration) *harness {
	t.Helper()
	if timeout == 0 {
		timeout = harnessExpectTimeout
	}
	vm := goja.New()
	h := &harness{t: t, vm: vm, loop: eventloop.New(vm)}
	h.onLoop(func() error {
		exp, err := expect.New(vm, nil)
		if err != nil {
			return err
		}
		h.mod = New(h.loop, Options{Matcher: exp, ExpectTimeout: timeout, OnEntry: h.record})
		_ = vm.Set("ws", h.mod.Exports())
		_ = vm.Set("expect", exp.Value())
		_ = vm.Set("note", h.note)
		_, err = vm.RunString(prelude)
		return err
	})
	t.Cleanup(func() { h.onLoop(func() error { h.loop.CloseAll(); return nil }) })
	return h
}

// record keeps the transcript's notes ("conn: text") and answers the note() calls that
// waited for one. Loop goroutine.
func (h *harness) record(e TranscriptEntry) {
	if e.Dir != Note {
		return
	}
	h.notes = append(h.notes, e.Conn+": "+e.Text)
	waiting := h.awaited[:0]
	for _, w := range h.awaited {
		if !h.answer(w) {
			waiting = append(waiting, w)
		}
	}
	h.awaited = waiting
}

// note is the script's note(text): a promise of every transcript note so far that contains
// text, once there is one. Loop goroutine.
func (h *harness) note(text string) *goja.Promise {
	p, resolve, _ := h.loop.Promise("note " + text)
	if w := (noteWait{text, resolve}); !h.answer(w) {
		h.awaited = append(h.awaited, w)
	}
	return p
}

func (h *harness) answer(w noteWait) bool {
	var found []any
	for _, n := range h.notes {
		if strings.Contains(n, w.text) {
			found = append(found, n)
		}
	}
	if len(found) == 0 {
		return false
	}
	w.resolve(func() goja.Value { return h.vm.NewArray(found...) })
	return true
}

// onLoop runs fn as one task of the loop, the only place a harness touches the VM outside
// a script.
func (h *harness) onLoop(fn func() error) {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), runGuard)
	defer cancel()
	if err := h.loop.Run(ctx, func() error { h.loop.Stop(); return fn() }); err != nil {
		h.t.Fatalf("loop: %v", err)
	}
}

// run runs script as the body of an async function on the loop, and returns when its
// promise settles: nil, or an error with the rejection's stack, where script.js:2 is the
// script's first line. Servers and connections the
// script opened stay open for the next run.
func (h *harness) run(script string) error {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), runGuard)
	defer cancel()
	var failed string
	settled, rejected := false, false
	err := h.loop.Run(ctx, func() error {
		v, err := h.vm.RunScript("script.js", "(async () => {\n"+script+"\n})()")
		if err != nil {
			return err
		}
		p, ok := v.Export().(*goja.Promise)
		if !ok {
			return fmt.Errorf("the script did not give a promise: %v", v)
		}
		h.mod.then(p, func(goja.Value) {
			settled = true
			h.loop.Stop()
		}, func(reason goja.Value) {
			settled, rejected, failed = true, true, describeError(reason)
			h.loop.Stop()
		})
		return nil
	})
	switch {
	case err != nil:
		return fmt.Errorf("%w (still waiting on: %s)", err, h.pending())
	case rejected:
		return fmt.Errorf("the script failed: %s", failed)
	case !settled:
		return fmt.Errorf("the script's promise never settled, and nothing is left to wait for")
	}
	return nil
}

// pending is loop.Pending, called on the loop.
func (h *harness) pending() string {
	var s string
	h.onLoop(func() error { s = h.loop.Pending(); return nil })
	return s
}

// ok runs script and fails the test when it throws or rejects.
func (h *harness) ok(script string) {
	h.t.Helper()
	if err := h.run(script); err != nil {
		h.t.Fatal(err)
	}
}

// describeError renders a rejection reason: an Error's stack, or the value. Loop goroutine.
func describeError(v goja.Value) string {
	if o, ok := v.(*goja.Object); ok {
		if s := o.Get("stack"); s != nil && !goja.IsUndefined(s) {
			return s.String()
		}
	}
	return v.String()
}

// unsettled ends the waits (expect*, ping, connect…) still pending and returns their labels:
// a case that awaited everything it started leaves none.
func (h *harness) unsettled() []string {
	var labels []string
	h.onLoop(func() error {
		for _, w := range h.loop.EndWaits() {
			labels = append(labels, w.Label())
		}
		return nil
	})
	return labels
}

// set makes value the global name of the harness's VM.
func (h *harness) set(name string, value any) {
	h.t.Helper()
	h.onLoop(func() error { return h.vm.Set(name, value) })
}
