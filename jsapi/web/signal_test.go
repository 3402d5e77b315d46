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

// Wrong arguments are a TypeError naming the method, as in browsers, not a silent no-op or a
// "Cannot convert undefined or null to object" from inside the class.
func TestWebGlobalsRefuseWrongArguments(t *testing.T) {
	const catchIt = `(() => { try { %s; return 'no error' } catch (e) { return e.name + ': ' + e.message } })()`
	cases(t, []struct{ name, src, want string }{
		{"addEventListener without a listener", fmt.Sprintf(catchIt, `new AbortController().signal.addEventListener('abort')`), "TypeError: AbortSignal.addEventListener: 2 arguments required, but only 1 present."},
		{"addEventListener of a number", fmt.Sprintf(catchIt, `new AbortController().signal.addEventListener('abort', 5)`), "TypeError: AbortSignal.addEventListener: listener must be a function or an object with a handleEvent method, got the number 5"},
		{"addEventListener with a signal that is not one", fmt.Sprintf(catchIt, `new AbortController().signal.addEventListener('abort', () => {}, { signal: 1 })`), "TypeError: AbortSignal.addEventListener: options.signal must be an AbortSignal, got the number 1"},
		{"addEventListener of null is a no-op", fmt.Sprintf(catchIt, `new AbortController().signal.addEventListener('abort', null)`), "no error"},
		{"removeEventListener of a string", fmt.Sprintf(catchIt, `new AbortController().signal.removeEventListener('abort', 'f')`), `TypeError: AbortSignal.removeEventListener: listener must be a function or an object with a handleEvent method, got the string "f"`},
		{"AbortSignal.any()", fmt.Sprintf(catchIt, `AbortSignal.any()`), "TypeError: AbortSignal.any: signals must be an array of AbortSignals, got undefined"},
		{"AbortSignal.timeout of a string", fmt.Sprintf(catchIt, `AbortSignal.timeout('soon')`), `TypeError: AbortSignal.timeout: ms must be a number of ms (0 or more), got the string "soon"`},
		{"getRandomValues()", fmt.Sprintf(catchIt, `crypto.getRandomValues()`), "TypeError: crypto.getRandomValues: the array must be an integer typed array, like new Uint8Array(16), got undefined"},
		{"getRandomValues of an array", fmt.Sprintf(catchIt, `crypto.getRandomValues([1, 2])`), "TypeError: crypto.getRandomValues: the array must be an integer typed array, like new Uint8Array(16), got an array"},
		{"URL.canParse()", fmt.Sprintf(catchIt, `URL.canParse()`), "TypeError: URL.canParse: 1 argument required, but only 0 present."},
		{"URL.parse()", fmt.Sprintf(catchIt, `URL.parse()`), "TypeError: URL.parse: 1 argument required, but only 0 present."},
		{"URLSearchParams.get()", fmt.Sprintf(catchIt, `new URLSearchParams('undefined=1').get()`), "TypeError: URLSearchParams.get: 1 argument required, but only 0 present."},
		{"URLSearchParams.append of a name only", fmt.Sprintf(catchIt, `new URLSearchParams().append('a')`), "TypeError: URLSearchParams.append: 2 arguments required, but only 1 present."},
		{"URLSearchParams.set of a name only", fmt.Sprintf(catchIt, `new URL('http://h/?a=1').searchParams.set('a')`), "TypeError: URLSearchParams.set: 2 arguments required, but only 1 present."},
		{"URLSearchParams.has, delete, getAll", `['has', 'delete', 'getAll'].map((m) => { try { new URLSearchParams()[m](); return 'no error' } catch (e) { return e.name } }).join()`, "TypeError,TypeError,TypeError"},
		{"TextDecoder options of a string", fmt.Sprintf(catchIt, `new TextDecoder('utf-8', 'fatal')`), `TypeError: TextDecoder: options must be an object, got the string "fatal"`},
		{"structuredClone options of a number", fmt.Sprintf(catchIt, `structuredClone(1, 5)`), "TypeError: structuredClone: options must be an object like { transfer: [] }, got the number 5"},
		{"structuredClone transfer of a number", fmt.Sprintf(catchIt, `structuredClone(1, { transfer: 5 })`), "TypeError: structuredClone: options.transfer must be an array, got the number 5"},
		{"structuredClone transfer of an empty array", fmt.Sprintf(catchIt, `structuredClone(1, { transfer: [] })`), "no error"},
		{"decode options of true", fmt.Sprintf(catchIt, `new TextDecoder().decode(new Uint8Array(1), true)`), "TypeError: TextDecoder.decode: options must be an object, got the boolean true"},
	})
}
