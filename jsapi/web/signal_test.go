package web

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dop251/goja"
)

func TestAbortSignal(t *testing.T) {
	cases(t, []struct{ name, src, want string }{
		{"abort with the default reason", `(() => { const c = new AbortController(); const s = c.signal; const before = s.aborted; c.abort(); return [before, s.aborted, s.reason instanceof DOMException, s.reason.name, s.reason.message].join('|') })()`, "false|true|true|AbortError|signal is aborted without reason"},
		{"abort with a reason, once", `(() => { const c = new AbortController(); c.abort('first'); c.abort('second'); return c.signal.reason })()`, "first"},
		{"listeners and onabort in order, once each", `(() => { const c = new AbortController(); const out = []; const s = c.signal; s.addEventListener('abort', (e) => out.push('a:' + e.type + (e.target === s))); s.onabort = function (e) { out.push('on:' + (this === s)) }; const f = () => out.push('f'); s.addEventListener('abort', f); s.addEventListener('abort', f); s.addEventListener('abort', { handleEvent: () => out.push('h') }); c.abort(); c.abort(); return out.join() })()`, "a:aborttrue,on:true,f,h"},
		{"removeEventListener", `(() => { const c = new AbortController(); const out = []; const f = () => out.push('f'); c.signal.addEventListener('abort', f); c.signal.removeEventListener('abort', f); c.abort(); return out.length })()`, "0"},
		{"once", `(() => { const c = new AbortController(); let n = 0; c.signal.addEventListener('abort', () => n++, { once: true }); c.signal.dispatchEvent({ type: 'abort' }); c.abort(); return n })()`, "1"},
		{"throwIfAborted", `(() => { const s = AbortSignal.abort(new Error('why')); try { s.throwIfAborted() } catch (e) { return e.message } })()`, "why"},
		{"AbortSignal.abort", `(() => { const s = AbortSignal.abort(); return [s.aborted, s.reason.name].join() })()`, "true,AbortError"},
		{"AbortSignal.timeout", `(async () => { const s = AbortSignal.timeout(20); const t0 = performance.now(); const e = await new Promise((r) => s.addEventListener('abort', () => r(s.reason))); const dt = performance.now() - t0; result = [e.name, e.message, e.code, dt >= 15].join('|') })()`, "TimeoutError|signal timed out|23|true"},
		{"AbortSignal.timeout checks ms", `try { AbortSignal.timeout(-1) } catch (e) { e.name }`, "TypeError"},
		{"AbortSignal.any", `(() => { const a = new AbortController(), b = new AbortController(); const s = AbortSignal.any([a.signal, b.signal]); b.abort('b'); a.abort('a'); return [s.aborted, s.reason].join() })()`, "true,b"},
		{"AbortSignal.any of an aborted signal", `AbortSignal.any([AbortSignal.abort('x')]).reason`, "x"},
		{"no constructor", `try { new AbortSignal() } catch (e) { e.name }`, "TypeError"},
		{"toStringTag", `Object.prototype.toString.call(new AbortController().signal)`, "[object AbortSignal]"},
	})
}

// A timeout too long for a time.Duration waits (practically) forever instead of wrapping
// round to a negative one that fires at once.
func TestAbortSignalTimeoutOfAHugeMs(t *testing.T) {
	loop := newVM(t)
	vm := loop.VM()
	_ = vm.Set("stop", loop.Stop)
	err := loop.Run(t.Context(), func() error {
		_, err := vm.RunString(`var s = AbortSignal.timeout(Number.MAX_SAFE_INTEGER);
			AbortSignal.timeout(30).onabort = stop;`)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if vm.Get("s").ToObject(vm).Get("aborted").ToBoolean() {
		t.Error("AbortSignal.timeout(Number.MAX_SAFE_INTEGER) fired at once")
	}
	if p := loop.Pending(); !strings.Contains(p, "AbortSignal.timeout(9007199254740991)") {
		t.Errorf("pending: %q", p)
	}
}

func TestAListenerThatThrowsFailsTheRun(t *testing.T) {
	loop := newVM(t)
	err := loop.Run(t.Context(), func() error {
		_, err := loop.VM().RunString(`const c = new AbortController(); let after = false;
			c.signal.addEventListener('abort', () => { throw new Error('boom') });
			c.signal.addEventListener('abort', () => { after = true });
			c.abort();`)
		return err
	})
	if err == nil || err.Error() != "Error: boom" {
		t.Fatalf("err = %v, want the listener's Error: boom", err)
	}
	if !loop.VM().Get("after").ToBoolean() {
		t.Error("the listener after the one that threw did not run")
	}
}

// SignalOf is how fetch and the ws waits see a signal: its state, and OnAbort before the
// listeners.
func TestSignalOf(t *testing.T) {
	loop := newVM(t)
	vm := loop.VM()
	var order []string
	err := loop.Run(t.Context(), func() error {
		c, err := vm.RunString(`var c = new AbortController(); c.signal.addEventListener('abort', () => order('listener')); c`)
		if err != nil {
			return err
		}
		_ = vm.Set("order", func(s string) { order = append(order, s) })
		s := SignalOf(vm, "test", c.ToObject(vm).Get("signal"))
		if s.Aborted() || !goja.IsUndefined(s.Reason()) {
			t.Error("a new signal is aborted")
		}
		s.OnAbort(func(reason goja.Value) { order = append(order, "go:"+reason.String()) })
		off := s.OnAbort(func(goja.Value) { order = append(order, "removed") })
		off()
		if _, err := vm.RunString(`c.abort('why')`); err != nil {
			return err
		}
		if !s.Aborted() || s.Reason().String() != "why" {
			t.Errorf("after abort: %v %v", s.Aborted(), s.Reason())
		}
		if SignalOf(vm, "test", goja.Undefined()) != nil {
			t.Error("undefined is a signal")
		}
		ex := vm.Try(func() { SignalOf(vm, "fetch", vm.NewObject()) })
		if ex == nil || ex.Value().String() != "TypeError: fetch: option signal must be an AbortSignal (new AbortController().signal, AbortSignal.timeout(ms)), got an object" {
			t.Errorf("a plain object: %v", ex)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(order); got != "[go:why listener]" {
		t.Errorf("order = %s", got)
	}
}
