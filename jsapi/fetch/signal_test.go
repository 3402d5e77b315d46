package fetch

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/web"
	"github.com/wsrun/wsrun/runtime/eventloop"
)

type testVU struct{ loop *eventloop.Loop }

func (v testVU) VM() *goja.Runtime                  { return v.loop.VM() }
func (v testVU) Loop() *eventloop.Loop              { return v.loop }
func (v testVU) Require(string) (goja.Value, error) { return nil, fmt.Errorf("no modules") }

// webScript is script with the web globals too (AbortController, AbortSignal, URL).
func webScript(t *testing.T, base, src string) goja.Value {
	t.Helper()
	loop := eventloop.New(goja.New())
	vm := loop.VM()
	exports, err := web.Module{}.Instantiate(testVU{loop})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range web.Globals {
		_ = vm.Set(name, exports.ToObject(vm).Get(name))
	}
	_ = vm.Set("fetch", newFetch(loop, false).Func())
	_ = vm.Set("BASE", base)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := loop.Run(ctx, func() error { _, err := vm.RunString(src); return err }); err != nil {
		t.Fatal(err)
	}
	return vm.Get("result")
}

// hanging is a server whose /slow answers only when the client gives up, and counts requests
// and the cancellations it saw.
func hanging(t *testing.T) (srv *httptest.Server, requests, cancelled *atomic.Int32) {
	requests, cancelled = new(atomic.Int32), new(atomic.Int32)
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		if r.URL.Path == "/slow" {
			select {
			case <-r.Context().Done():
				cancelled.Add(1)
			case <-time.After(5 * time.Second):
			}
			return
		}
		_, _ = w.Write([]byte("fast"))
	}))
	t.Cleanup(srv.Close)
	return srv, requests, cancelled
}

func TestFetchAbortSignalTimeoutCancelsTheRequest(t *testing.T) {
	srv, requests, cancelled := hanging(t)
	start := time.Now()
	v := webScript(t, srv.URL, `
		fetch(BASE + '/slow', { signal: AbortSignal.timeout(100) }).then(
			() => { result = 'resolved' },
			(e) => { result = [e instanceof DOMException, e.name, e.message].join('|') });
	`)
	if got := v.String(); got != "true|TimeoutError|signal timed out" {
		t.Errorf("result = %s", got)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("took %v: the timeout did not end the wait", d)
	}
	waitFor(t, func() bool { return cancelled.Load() == 1 }, "the server to see the request cancelled")
	if requests.Load() != 1 {
		t.Errorf("%d requests", requests.Load())
	}
}

func TestFetchAbortRejectsWithTheReason(t *testing.T) {
	srv, _, cancelled := hanging(t)
	v := webScript(t, srv.URL, `
		const c = new AbortController();
		fetch(new URL('/slow', BASE), { signal: c.signal }).catch((e) => { result = e });
		AbortSignal.timeout(50).onabort = () => c.abort('stop');
	`)
	if v.String() != "stop" {
		t.Errorf("result = %v", v)
	}
	waitFor(t, func() bool { return cancelled.Load() == 1 }, "the server to see the request cancelled")
}

func TestFetchWithAnAbortedSignalSendsNothing(t *testing.T) {
	srv, requests, _ := hanging(t)
	v := webScript(t, srv.URL, `
		fetch(BASE + '/fast', { signal: AbortSignal.abort() }).catch((e) => { result = e.name });
	`)
	if v.String() != "AbortError" || requests.Load() != 0 {
		t.Errorf("result = %v after %d requests", v, requests.Load())
	}
}

func TestFetchAbortAfterTheResponseChangesNothing(t *testing.T) {
	srv, _, _ := hanging(t)
	v := webScript(t, srv.URL, `
		const c = new AbortController();
		fetch(BASE + '/fast', { signal: c.signal }).then(async (r) => { c.abort(); result = await r.text() });
	`)
	if v.String() != "fast" {
		t.Errorf("result = %v", v)
	}
}

func TestFetchSignalMustBeASignal(t *testing.T) {
	v := webScript(t, "http://127.0.0.1:1", `
		try { fetch(BASE, { signal: {} }) } catch (e) { result = e.message }
	`)
	if want := "fetch: option signal must be an AbortSignal (new AbortController().signal, AbortSignal.timeout(ms)), got an object"; v.String() != want {
		t.Errorf("result = %v", v)
	}
	// A value that is no object at all gets the same message, not "must be an object".
	v = webScript(t, "http://127.0.0.1:1", `
		try { fetch(BASE, { signal: 'abort' }) } catch (e) { result = e.message }
	`)
	if want := `fetch: option signal must be an AbortSignal (new AbortController().signal, AbortSignal.timeout(ms)), got the string "abort"`; v.String() != want {
		t.Errorf("result = %v", v)
	}
}

func waitFor(t *testing.T, ok func() bool, what string) {
	t.Helper()
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if ok() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}
