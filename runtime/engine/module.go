package engine

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/modules"
	"github.com/wsrun/wsrun/runtime/eventloop"
)

// Module is a JS module a host program provides under a name of its own, such as
// "myapp/fixtures"; scripts import or require it like the built-in ones, which implement the
// same interface (see package jsapi/modules). A host module is instantiated once per test
// file, on that file's loop goroutine, before the file runs.
type Module = modules.Module

// ModuleFunc adapts a function to Module.
type ModuleFunc = modules.ModuleFunc

// VU is what a module gets of the VM it serves.
type VU = modules.VU

// global is a global a built-in module sets: its value, or, for a lazy row of builtins,
// what instantiates the row on first use and returns the value.
type global struct {
	name  string
	value goja.Value
	lazy  func() (goja.Value, error)
}

// slot is one module of a file: its exports once instantiated.
type slot struct {
	m        modules.Module
	internal bool
	exports  goja.Value // nil until instantiated
	busy     bool       // being instantiated: a cycle of requires
}

// VM returns the file's VM.
func (f *fileRun) VM() *goja.Runtime { return f.loop.VM() }

// Loop returns the file's event loop.
func (f *fileRun) Loop() *eventloop.Loop {
	f.loop.MustOwn()
	return f.loop
}

// Require returns a module's exports, instantiating it on first use; internal modules
// included (VU.Require).
func (f *fileRun) Require(name string) (goja.Value, error) {
	s, ok := f.modules[name]
	if !ok || s.m == nil {
		return nil, fmt.Errorf("there is no module %q; the built-in modules are %s", name, strings.Join(f.moduleNames(), ", "))
	}
	if s.exports != nil {
		return s.exports, nil
	}
	if s.busy {
		return nil, fmt.Errorf("module %q requires itself", name)
	}
	s.busy = true
	v, err := s.m.Instantiate(f)
	s.busy = false
	if err != nil {
		return nil, err
	}
	if v == nil {
		v = goja.Undefined()
	}
	s.exports = v
	return v, nil
}

// installBuiltins makes the table's modules for this file: those with globals now, in
// order, setting their globals; the others when first required. A lazy row's globals are
// accessors that instantiate it on first use (see builtin.lazy).
func (f *fileRun) installBuiltins() error {
	f.modules = map[string]*slot{}
	f.globals, f.only = nil, nil
	for _, b := range builtins {
		var m modules.Module
		if b.make != nil {
			m = b.make(f)
		}
		if b.name != "" {
			f.modules[b.name] = &slot{m: m, internal: b.internal}
		}
		if len(b.globals) == 0 && b.global == "" {
			continue
		}
		if b.lazy {
			row := &lazyRow{f: f, b: b, m: m}
			for _, g := range b.globals {
				f.globals = append(f.globals, global{name: g, lazy: row.get(g)})
			}
			for _, name := range b.wsrunOnly {
				f.only = append(f.only, global{name: name, lazy: row.get(name)})
			}
			continue
		}
		obj, err := f.instantiateRow(b, m)
		if err != nil {
			return err
		}
		for _, g := range b.globals {
			f.globals = append(f.globals, global{name: g, value: obj.Get(g)})
		}
		for _, name := range b.wsrunOnly {
			f.only = append(f.only, global{name: name, value: obj.Get(name)})
		}
		if b.global != "" {
			f.globals = append(f.globals, global{name: b.global, value: obj})
		}
	}
	global := f.vm.GlobalObject()
	for _, g := range f.globals {
		if err := f.setExport(global, g); err != nil {
			return err
		}
	}
	return nil
}

// instantiateRow instantiates a row of builtins that has globals and checks that its exports
// are what the row says.
func (f *fileRun) instantiateRow(b builtin, m modules.Module) (*goja.Object, error) {
	exports, err := m.Instantiate(f)
	if err != nil {
		return nil, err
	}
	if b.name != "" {
		f.modules[b.name].exports = exports
	}
	obj := exports.ToObject(f.vm)
	if b.name == "" && len(obj.Keys()) != len(b.globals)+len(b.wsrunOnly) {
		// Its exports are reached through its globals and "wsrun" only: the table must list them all.
		return nil, fmt.Errorf("the built-in module with globals %v exports %v", b.globals, obj.Keys())
	}
	for _, name := range slices.Concat(b.globals, b.wsrunOnly) {
		if obj.Get(name) == nil {
			return nil, fmt.Errorf("the built-in module with globals %v has no export %s", b.globals, name)
		}
	}
	return obj, nil
}

// lazyRow is a lazy row of builtins in one file, instantiated by the first read of any of
// its globals or "wsrun" exports.
type lazyRow struct {
	f       *fileRun
	b       builtin
	m       modules.Module
	exports *goja.Object
}

func (r *lazyRow) get(name string) func() (goja.Value, error) {
	return func() (goja.Value, error) {
		if r.exports == nil {
			obj, err := r.f.instantiateRow(r.b, r.m)
			if err != nil {
				return nil, err
			}
			r.exports = obj
		}
		return r.exports.Get(name), nil
	}
}

// setExport sets g on obj (the global object, or the exports of "wsrun"). A lazy one is an
// accessor that, when first read, turns itself into the data property vm.Set would have made
// (writable, enumerable, configurable), and so does an assignment before that, without
// instantiating anything: after first use, typeof, assignment, delete and enumeration behave
// as for any other global.
func (f *fileRun) setExport(obj *goja.Object, g global) error {
	if g.lazy == nil {
		return obj.Set(g.name, g.value)
	}
	define := func(v goja.Value) {
		_ = obj.DefineDataProperty(g.name, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
	}
	get := func(goja.FunctionCall) goja.Value {
		v, err := g.lazy()
		if err != nil {
			modules.Throw(f.vm, err)
		}
		define(v)
		return v
	}
	set := func(call goja.FunctionCall) goja.Value {
		define(call.Argument(0))
		return goja.Undefined()
	}
	return obj.DefineAccessorProperty(g.name, f.vm.ToValue(get), f.vm.ToValue(set), goja.FLAG_TRUE, goja.FLAG_TRUE)
}

// wsrunExports is the "wsrun" module: every global (SPEC §8), and fn and spyOn.
func (f *fileRun) wsrunExports(vu modules.VU) (goja.Value, error) {
	exports := vu.VM().NewObject()
	for _, gs := range [][]global{f.globals, f.only} {
		for _, g := range gs {
			if err := f.setExport(exports, g); err != nil {
				return nil, err
			}
		}
	}
	return exports, nil
}

// aliases are other test runners' names for "wsrun", each a row of builtins made by aliasOf.
// The bundler leaves them to require, and the list of modules in messages leaves them out.
var aliases = []string{"vitest", "@jest/globals"}

// aliasOf is the module "wsrun" under another test runner's name (Jest's "@jest/globals",
// Vitest's "vitest"). Reading a name it lacks (Vitest's bench) throws a TypeError naming it,
// where the import would otherwise be undefined and fail later as "undefined is not a
// function". The check is the exports' prototype, a Proxy, rather than a Proxy around them:
// esbuild's `import * as v` copies the exports into an object with the same prototype, which
// so keeps the check.
func (f *fileRun) aliasOf(name string) modules.Module {
	return modules.ModuleFunc(func(vu modules.VU) (goja.Value, error) {
		exports, err := f.wsrunExports(vu)
		if err != nil {
			return nil, err
		}
		vm := vu.VM()
		obj := exports.ToObject(vm)
		names := obj.Keys()
		sort.Strings(names)
		missing := vm.NewProxy(obj.Prototype(), &goja.ProxyTrapConfig{
			Get: func(proto *goja.Object, key string, receiver goja.Value) goja.Value {
				if v := proto.Get(key); v != nil || aliasQuiet(key) {
					return v
				}
				panic(vm.NewTypeError("%s is not available in wsrun: '%s' is another name of 'wsrun', which exports %s (docs/test-api.md)",
					key, name, strings.Join(names, ", ")))
			},
		})
		if err := obj.SetPrototype(vm.ToValue(missing).ToObject(vm)); err != nil {
			return nil, err
		}
		return obj, nil
	})
}

// aliasQuiet reports whether an alias module reads key as undefined, without throwing: the
// names that bundled code, promises and matchers probe objects for.
func aliasQuiet(key string) bool {
	switch key {
	case "__esModule", "default", "then", "toJSON", "asymmetricMatch", "nodeType":
		return true
	}
	return strings.HasPrefix(key, "_") || strings.HasPrefix(key, "@@") || strings.HasPrefix(key, "$$")
}

// hostModules instantiates the modules of Options.Modules into f.modules.
func (f *fileRun) hostModules() error {
	for name, m := range f.r.opts.Modules {
		if _, builtin := f.modules[name]; builtin {
			return fmt.Errorf("module %q: the name is taken by a built-in module", name)
		}
		v, err := m.Instantiate(f)
		if err != nil {
			return fmt.Errorf("module %q: %w", name, err)
		}
		if v == nil {
			v = goja.Undefined()
		}
		f.modules[name] = &slot{m: m, exports: v}
	}
	return nil
}

// moduleNames are the names scripts may import, in a stable order: the built-in modules but
// the internal ones, and the host's.
func (f *fileRun) moduleNames() []string {
	var names []string
	for name, s := range f.modules {
		if !s.internal && s.m != nil && !slices.Contains(aliases, name) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}
