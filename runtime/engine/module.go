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

// global is a global a built-in module sets.
type global struct {
	name  string
	value goja.Value
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
// order, setting their globals; the others when first required.
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
		exports, err := m.Instantiate(f)
		if err != nil {
			return err
		}
		if b.name != "" {
			f.modules[b.name].exports = exports
		}
		obj := exports.ToObject(f.vm)
		if b.name == "" && len(obj.Keys()) != len(b.globals)+len(b.wsrunOnly) {
			// Its exports are reached through its globals and "wsrun" only: the table must list them all.
			return fmt.Errorf("the built-in module with globals %v exports %v", b.globals, obj.Keys())
		}
		for _, g := range b.globals {
			v := obj.Get(g)
			if v == nil {
				return fmt.Errorf("the built-in module with globals %v has no export %s", b.globals, g)
			}
			f.globals = append(f.globals, global{g, v})
		}
		for _, name := range b.wsrunOnly {
			v := obj.Get(name)
			if v == nil {
				return fmt.Errorf("the built-in module with globals %v has no export %s", b.globals, name)
			}
			f.only = append(f.only, global{name, v})
		}
		if b.global != "" {
			f.globals = append(f.globals, global{b.global, exports})
		}
	}
	for _, g := range f.globals {
		if err := f.vm.Set(g.name, g.value); err != nil {
			return err
		}
	}
	return nil
}

// wsrunExports is the "wsrun" module: every global (SPEC §8), and fn and spyOn.
func (f *fileRun) wsrunExports(vu modules.VU) (goja.Value, error) {
	exports := vu.VM().NewObject()
	for _, gs := range [][]global{f.globals, f.only} {
		for _, g := range gs {
			_ = exports.Set(g.name, g.value)
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
