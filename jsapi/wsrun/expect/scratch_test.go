package expect

import (
	"testing"
	"time"
	"github.com/dop251/goja"
)

func TestScratchPerf(t *testing.T) {
	vm := goja.New()
	progs, _ := compiled()
	ns := vm.NewObject()
	for _, p := range progs {
		v, _ := vm.RunProgram(p)
		fn, _ := goja.AssertFunction(v)
		fn(goja.Undefined(), ns)
	}
	vm.Set("ns", ns)
	for _, src := range []string{
		``,
		`ns.matches(p, v)`,
		`Object.keys(v)`,
		`for (const k in v) {}`,
		`for (const k in v) { if (!Object.prototype.hasOwnProperty.call(v, k)) continue }`,
		`Object.getOwnPropertySymbols(v)`,
		`Object.prototype.toString.call(v)`,
		`v.constructor === Object`,
		`Object.getPrototypeOf(v) === Object.prototype`,
		`Array.isArray(v)`,
		`typeof v[Symbol.iterator]`,
		`f(1)`,
		`Object.is(1, 1)`,
		`[]`,
		`Reflect.ownKeys(v)`,
	} {
		start := time.Now()
		_, err := vm.RunString(`(() => { const p = {type: 'chat', user: {name: 'bob'}, id: ns.expect.any(Number)}; const v = {type: 'chat', user: {name: 'bob', id: 7}, id: 3, text: 'hello', at: 1700000000000}; const f = (x) => x; for (let i = 0; i < 20000; i++) { ` + src + ` } })()`)
		if err != nil { t.Log(err) }
		t.Logf("%-40s %v", src, time.Since(start)/20000)
	}
}
