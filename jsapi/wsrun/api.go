package wsrun

import (
	"strings"
	"time"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/argcheck"
	"github.com/wsrun/wsrun/jsapi/modules"
)

// API holds the declaration functions of one VM.
type API struct {
	vm  *goja.Runtime
	reg *Registry
	fmt func(goja.Value) string
}

// Module is the test API of one VM: test, it, describe and the hooks, recording into
// Registry. Format renders values for test.each names (%p, %o and objects). The engine makes
// them globals and exports of "wsrun", with the other built-ins' globals.
type Module struct {
	Registry *Registry
	Format   func(goja.Value) string
}

// Instantiate returns the declaration functions as the module's exports.
func (m Module) Instantiate(vu modules.VU) (goja.Value, error) {
	vm := vu.VM()
	a := &API{vm: vm, reg: m.Registry, fmt: m.Format}
	exports := vm.NewObject()
	test := a.testFunc()
	_ = exports.Set("test", test)
	_ = exports.Set("it", test)
	_ = exports.Set("describe", a.describeFunc())
	for _, kind := range []string{"beforeAll", "afterAll", "beforeEach", "afterEach"} {
		_ = exports.Set(kind, a.hook(kind))
	}
	return exports, nil
}

func (a *API) testFunc() *goja.Object {
	declare := func(mode Mode) *goja.Object {
		obj := a.vm.ToValue(func(call goja.FunctionCall) goja.Value {
			a.addTest(mode, call.Argument(0), call.Argument(1), call.Argument(2), nil)
			return goja.Undefined()
		}).ToObject(a.vm)
		_ = obj.Set("each", a.each("test"+modeSuffix[mode]+".each", func(name, fn, opts goja.Value, args []goja.Value) {
			a.addTest(mode, name, fn, opts, args)
		}))
		return obj
	}
	obj := declare(Normal)
	_ = obj.Set("skip", declare(Skip))
	_ = obj.Set("only", declare(Only))
	_ = obj.Set("todo", func(call goja.FunctionCall) goja.Value {
		if len(call.Arguments) > 1 {
			panic(a.vm.NewTypeError("test.todo(name) takes only a name: a todo test has no function yet (use test.skip(name, fn) to keep one that does not run)"))
		}
		a.addTest(Todo, call.Argument(0), goja.Undefined(), goja.Undefined(), nil)
		return goja.Undefined()
	})
	return obj
}

func (a *API) describeFunc() *goja.Object {
	declare := func(mode Mode) *goja.Object {
		obj := a.vm.ToValue(func(call goja.FunctionCall) goja.Value {
			a.addSuite(mode, call.Argument(0), call.Argument(1), nil)
			return goja.Undefined()
		}).ToObject(a.vm)
		_ = obj.Set("each", a.each("describe"+modeSuffix[mode]+".each", func(name, fn, _ goja.Value, args []goja.Value) {
			a.addSuite(mode, name, fn, args)
		}))
		return obj
	}
	obj := declare(Normal)
	_ = obj.Set("skip", declare(Skip))
	_ = obj.Set("only", declare(Only))
	return obj
}

// modeSuffix names a mode in messages about .each: test.skip.each, describe.only.each.
var modeSuffix = map[Mode]string{Normal: "", Skip: ".skip", Only: ".only"}

func (a *API) checkOpen(what string) {
	if a.reg.locked != "" {
		panic(a.vm.NewTypeError("%s() cannot be called here: %s", what, a.reg.locked))
	}
}

func (a *API) name(what string, v goja.Value) string {
	if s, ok := v.Export().(string); ok {
		return s
	}
	if f, ok := v.(*goja.Object); ok && f.ClassName() == "Function" {
		return f.Get("name").String() // Jest allows a named function or class as the name
	}
	panic(a.vm.NewTypeError("%s() needs a name as its first argument, got %s", what, a.fmt(v)))
}

func (a *API) addTest(mode Mode, nameV, fnV, opts goja.Value, args []goja.Value) {
	a.checkOpen("test")
	t := &Test{Pos: a.caller(), Name: a.name("test", nameV), Mode: mode, Args: args, Retries: -1, Parent: a.reg.current}
	if mode != Todo {
		fn, ok := goja.AssertFunction(fnV)
		if !ok {
			if goja.IsUndefined(fnV) {
				t.Mode = Todo // Jest treats test('name') without a function as todo
			} else {
				panic(a.vm.NewTypeError("test(%q, fn): fn must be a function, got %s", t.Name, a.fmt(fnV)))
			}
		}
		t.Fn = fn
		t.Done = wantsDone(fnV, len(args))
	}
	t.Timeout, t.Retries = a.options(opts)
	if mode == Only {
		a.reg.HasOnly = true
	}
	a.reg.current.Children = append(a.reg.current.Children, t)
}

// testOptions are the options of test(name, fn, options).
var testOptions = &argcheck.Options{Func: "test", Example: "{ timeout: 10000, retries: 2 }", Keys: []argcheck.Key{
	{Name: "timeout", Kind: argcheck.Duration},
	{Name: "retries", Kind: argcheck.Count},
}}

// options reads test(name, fn, 5000) or test(name, fn, { timeout, retries }).
func (a *API) options(v goja.Value) (time.Duration, int) {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return 0, -1
	}
	if goja.IsNumber(v) {
		argcheck.Need(a.vm, v, argcheck.Duration, "test", "the timeout")
		return ms(v), -1
	}
	if obj := testOptions.Check(a.vm, v); obj != nil {
		timeout, retries := time.Duration(0), -1
		if t := obj.Get("timeout"); t != nil && !goja.IsUndefined(t) {
			timeout = ms(t)
		}
		if r := obj.Get("retries"); r != nil && !goja.IsUndefined(r) {
			retries = int(r.ToInteger())
		}
		return timeout, retries
	}
	return 0, -1
}

func ms(v goja.Value) time.Duration { return argcheck.Millis(v.ToFloat()) }

// wantsDone reports whether fn declares more parameters than test.each passes it: then, as
// in Jest, its last parameter is a done callback and the test ends when it is called.
func wantsDone(fn goja.Value, nargs int) bool {
	obj, ok := fn.(*goja.Object)
	if !ok {
		return false
	}
	if nargs == 0 {
		return obj.Get("length").ToInteger() > 0
	}
	return obj.Get("length").ToInteger() > int64(nargs)
}

func (a *API) addSuite(mode Mode, nameV, fnV goja.Value, args []goja.Value) {
	a.checkOpen("describe")
	s := &Suite{Pos: a.caller(), Name: a.name("describe", nameV), Mode: mode, Parent: a.reg.current}
	fn, ok := goja.AssertFunction(fnV)
	if !ok {
		panic(a.vm.NewTypeError("describe(%q, fn): fn must be a function, got %s", s.Name, a.fmt(fnV)))
	}
	if mode == Only {
		a.reg.HasOnly = true
	}
	a.reg.current.Children = append(a.reg.current.Children, s)
	a.reg.current = s
	defer func() { a.reg.current = s.Parent }()
	ret, err := fn(goja.Undefined(), args...)
	if err != nil {
		panic(err)
	}
	if _, isPromise := argcheck.Promise(ret); isPromise {
		panic(a.vm.NewTypeError("describe(%q, fn): fn must not be async; declare tests synchronously and put awaits in tests or hooks", s.Name))
	}
}

func (a *API) hook(kind string) func(goja.FunctionCall) goja.Value {
	return func(call goja.FunctionCall) goja.Value {
		a.checkOpen(kind)
		fn, ok := goja.AssertFunction(call.Argument(0))
		if !ok {
			panic(a.vm.NewTypeError("%s(fn): fn must be a function, got %s", kind, a.fmt(call.Argument(0))))
		}
		h := Hook{Pos: a.caller(), Kind: kind, Fn: fn, Done: wantsDone(call.Argument(0), 0)}
		if t := call.Argument(1); !goja.IsUndefined(t) {
			argcheck.Need(a.vm, t, argcheck.Duration, kind, "the timeout")
			h.Timeout = ms(t)
		}
		s := a.reg.current
		switch kind {
		case "beforeAll":
			s.BeforeAll = append(s.BeforeAll, h)
		case "afterAll":
			s.AfterAll = append(s.AfterAll, h)
		case "beforeEach":
			s.BeforeEach = append(s.BeforeEach, h)
		case "afterEach":
			s.AfterEach = append(s.AfterEach, h)
		}
		return goja.Undefined()
	}
}

// caller is the first position in the script's own files on the current stack.
func (a *API) caller() Pos {
	for _, f := range a.vm.CaptureCallStack(6, nil) {
		p := f.Position()
		if p.Filename != "" && !strings.HasPrefix(p.Filename, InternalPrefix) {
			return Pos{File: p.Filename, Line: p.Line, Col: p.Column}
		}
	}
	return Pos{}
}
