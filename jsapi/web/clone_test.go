package web

import (
	"testing"

	"github.com/wsrun/wsrun/jsapi/console"
)

// Cases from the HTML standard's structured clone algorithm and WPT's structured-clone tests.
func TestStructuredClone(t *testing.T) {
	cases(t, []struct{ name, src, want string }{
		{"primitives", `[structuredClone(1), structuredClone('s'), structuredClone(null), structuredClone(undefined), structuredClone(10n), Object.is(structuredClone(-0), -0), Number.isNaN(structuredClone(NaN))].join()`, "1,s,,,10,true,true"},
		{"plain objects are copied deeply", `(() => { const a = { x: { y: [1, { z: 2 }] } }; const b = structuredClone(a); b.x.y[1].z = 3; return JSON.stringify([a, b]) })()`, `[{"x":{"y":[1,{"z":2}]}},{"x":{"y":[1,{"z":3}]}}]`},
		{"cycles and shared references", `(() => { const a = { n: 1 }; a.self = a; a.pair = [a.n, a]; const s = {}; const b = structuredClone({ a, s1: s, s2: s }); return [b.a !== a, b.a.self === b.a, b.a.pair[1] === b.a, b.s1 === b.s2].join() })()`, "true,true,true,true"},
		{"Date", `(() => { const d = new Date(1e12); const c = structuredClone(d); return [c instanceof Date, c !== d, c.getTime()].join() })()`, "true,true,1000000000000"},
		{"RegExp, lastIndex reset", `(() => { const r = /a+/gi; r.lastIndex = 3; const c = structuredClone(r); return [c instanceof RegExp, c !== r, c.source, c.flags, c.lastIndex].join() })()`, "true,true,a+,gi,0"},
		{"Map and Set", `(() => { const k = { k: 1 }; const m = new Map([[k, new Set([k])]]); const c = structuredClone(m); const [ck, cs] = [...c][0]; return [c instanceof Map, ck !== k, cs instanceof Set, [...cs][0] === ck].join() })()`, "true,true,true,true"},
		{"ArrayBuffer and views share a cloned buffer", `(() => { const buf = new ArrayBuffer(8); const a = new Uint8Array(buf, 2, 4); a[0] = 7; const dv = new DataView(buf); const c = structuredClone({ a, dv, buf }); c.a[0] = 9; return [a[0], c.a.buffer === c.buf, c.dv.buffer === c.buf, c.a instanceof Uint8Array, c.a.byteOffset, c.a.length, new Uint8Array(c.buf)[2]].join() })()`, "7,true,true,true,2,4,9"},
		{"typed array kinds", `(() => { const c = structuredClone([new Float64Array([1.5]), new BigInt64Array([-2n]), new Uint8ClampedArray([300])]); return c.map((x) => Object.prototype.toString.call(x) + x[0]).join() })()`, "[object Float64Array]1.5,[object BigInt64Array]-2,[object Uint8ClampedArray]255"},
		{"wrappers", `(() => { const c = structuredClone([Object(true), Object(1), Object('s'), Object(2n)]); return c.map((x) => typeof x + x.valueOf()).join() })()`, "objecttrue,object1,objects,object2"},
		{"errors", `(() => { const e = new RangeError('bad'); e.cause = { why: 1 }; const c = structuredClone(e); return [c instanceof RangeError, c !== e, c.message, c.cause.why, typeof c.stack].join() })()`, "true,true,bad,1,string"},
		{"unknown error names become Error", `(() => { class MyError extends Error { constructor() { super('m'); this.name = 'MyError' } } const c = structuredClone(new MyError()); return [c.constructor === Error, c.name, c.message].join() })()`, "true,Error,m"},
		{"DOMException", `(() => { const c = structuredClone(new DOMException('m', 'AbortError')); return [c instanceof DOMException, c.name, c.message, c.code].join() })()`, "true,AbortError,m,20"},
		{"class instances lose their prototype and getters run", `(() => { class P { constructor() { this.x = 1 } get y() { return 2 } } const c = structuredClone(new P()); return [Object.getPrototypeOf(c) === Object.prototype, c.x, 'y' in c].join() })()`, "true,1,false"},
		{"array holes and extra properties", `(() => { const a = [1, , 3]; a.extra = 'e'; const c = structuredClone(a); return [c.length, 1 in c, c.extra, Array.isArray(c)].join() })()`, "3,false,e,true"},
		{"non-enumerable and symbol keys are left out", `(() => { const o = { [Symbol('s')]: 1 }; Object.defineProperty(o, 'h', { value: 1 }); return Reflect.ownKeys(structuredClone(o)).length })()`, "0"},
		{"a function is a DataCloneError", `try { structuredClone({ f() {} }) } catch (e) { [e instanceof DOMException, e.name, e.code, e.message].join('|') }`, "true|DataCloneError|25|structuredClone: function f could not be cloned."},
		{"a symbol is a DataCloneError", `try { structuredClone([Symbol('s')]) } catch (e) { e.name + ': ' + e.message }`, "DataCloneError: structuredClone: Symbol(s) could not be cloned."},
		{"a promise is a DataCloneError", `try { structuredClone(Promise.resolve()) } catch (e) { e.message }`, "structuredClone: #<Promise> could not be cloned."},
		{"a WeakMap is a DataCloneError", `try { structuredClone(new WeakMap()) } catch (e) { e.name }`, "DataCloneError"},
		{"platform objects are a DataCloneError", `try { structuredClone(new URL('http://a')) } catch (e) { e.name }`, "DataCloneError"},
		{"transfer is refused", `try { structuredClone(1, { transfer: [new ArrayBuffer(1)] }) } catch (e) { e.name }`, "DataCloneError"},
		{"an empty transfer list is fine", `structuredClone(1, { transfer: [] })`, "1"},
		{"no argument", `try { structuredClone() } catch (e) { e.name }`, "TypeError"},
		// Assigned rather than defined, the key set the clone's prototype (before: ",1,false").
		{"a __proto__ key stays an own property", `(() => { const c = structuredClone(JSON.parse('{"a": {"__proto__": {"x": 1}}}')).a; return [Object.keys(c).join(), c.x, Object.getPrototypeOf(c) === Object.prototype, c.__proto__ === undefined].join() })()`, "__proto__,,true,false"},
		{"a built-in whose prototype was replaced is still cloned as itself", `(() => { const d = Object.setPrototypeOf(new Date(5), Object.prototype); const n = Object.setPrototypeOf(Object(7), null); const c = structuredClone([d, n]); return [c[0] instanceof Date, c[0].getTime(), typeof c[1], c[1].valueOf()].join() })()`, "true,5,object,7"},
		// Each brand check that fails throws, at a cost that grows with the stack's depth: plain
		// data must not go through them (before: 11 per object, and a 2000-deep object took 0.7 s).
		{"plain objects and arrays skip the brand checks", `(() => { const gopd = Object.getOwnPropertyDescriptor; let n = 0; Object.getOwnPropertyDescriptor = (o, k) => { n++; return gopd(o, k) }; try { let o = { list: [1, { s: 'x' }] }; for (let i = 0; i < 2000; i++) o = { o, n: Object.create(null) }; structuredClone(o) } finally { Object.getOwnPropertyDescriptor = gopd } return n })()`, "0"},
	})
}

func TestCryptoAndPerformance(t *testing.T) {
	cases(t, []struct{ name, src, want string }{
		{"randomUUID is v4", `/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(crypto.randomUUID())`, "true"},
		{"randomUUIDs differ", `new Set(Array.from({ length: 100 }, () => crypto.randomUUID())).size`, "100"},
		{"getRandomValues fills the view in place", `(() => { const b = new Uint8Array(64); const v = new Uint32Array(b.buffer, 16, 8); const r = crypto.getRandomValues(v); return [r === v, b.slice(0, 16).every((x) => x === 0), b.slice(48).every((x) => x === 0), v.some((x) => x !== 0)].join() })()`, "true,true,true,true"},
		{"getRandomValues bigint", `crypto.getRandomValues(new BigUint64Array(4)).some((x) => x !== 0n)`, "true"},
		{"float arrays are a TypeMismatchError", `try { crypto.getRandomValues(new Float32Array(1)) } catch (e) { e.name }`, "TypeMismatchError"},
		{"more than 65536 bytes is a QuotaExceededError", `try { crypto.getRandomValues(new Uint8Array(65537)) } catch (e) { e.name }`, "QuotaExceededError"},
		{"65536 bytes is fine", `crypto.getRandomValues(new Uint8Array(65536)).length`, "65536"},
		{"performance.now is monotonic and from timeOrigin", `(() => { const a = performance.now(); let b = a; for (let i = 0; i < 1000; i++) { const n = performance.now(); if (n < b) return 'went back'; b = n; } return [a >= 0, a < 5000, Math.abs(performance.timeOrigin + b - Date.now()) < 50].join() })()`, "true,true,true"},
		{"no Buffer, no setImmediate, no require of Node", `[typeof Buffer, typeof setImmediate, typeof process, typeof global].join()`, "undefined,undefined,undefined,undefined"},
		{"DOMException", `(() => { const e = new DOMException('m', 'TimeoutError'); return [e instanceof Error, e.name, e.message, e.code, DOMException.TIMEOUT_ERR, String(e), e.stack.split('\n')[0], Object.prototype.toString.call(e)].join('|') })()`, "true|TimeoutError|m|23|23|TimeoutError: m|TimeoutError: m|[object DOMException]"},
		{"DOMException defaults", `(() => { const e = new DOMException(); return [e.name, e.message, e.code].join('|') })()`, "Error||0"},
	})
}

// console.log shows a URL's href: its parts are prototype getters, which the printer's
// walk over own properties would not show.
func TestConsoleShowsAURL(t *testing.T) {
	loop := newVM(t)
	v, err := loop.VM().RunString(`({ u: new URL('http://a/b?c=1') })`)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := console.Inspect(loop.VM(), v), `{ u: URL { href: 'http://a/b?c=1' } }`; got != want {
		t.Errorf("Inspect = %s, want %s", got, want)
	}
}
