// Package modules is the one contract of every JS module wsrun gives scripts: the built-in
// ones (wsrun, wsrun/ws, the embedded protocol modules) and a host program's own. It is a
// leaf: jsapi packages implement Module without importing the engine, and the engine
// (runtime/engine, which re-exports these names as engine.Module, engine.ModuleFunc and
// engine.VU) instantiates them.
//
// The shape follows k6's modules.Module and NewModuleInstance(vu): a Module value is made
// once, with whatever services it needs as fields, and Instantiate gives it one VM. What
// Instantiate returns is the module's exports, as CommonJS's module.exports: its properties
// are the named exports (import { connect } from 'wsrun/ws'), and its "default" property,
// or the value itself when it has none, is the default export (import ws from 'wsrun/ws'),
// which is how esbuild's import of a CommonJS module reads it.
package modules

import (
	"errors"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/runtime/eventloop"
)

// Module is a JS module scripts import or require by name.
type Module interface {
	// Instantiate returns the module's exports for one VM. It is called at most once per
	// test file, on that file's loop goroutine.
	Instantiate(vu VU) (goja.Value, error)
}

// ModuleFunc adapts a function to Module.
type ModuleFunc func(vu VU) (goja.Value, error)

// Instantiate calls fn.
func (fn ModuleFunc) Instantiate(vu VU) (goja.Value, error) { return fn(vu) }

// VU is what a module gets of the VM it serves. Its methods, and the VM and loop they return,
// may be used on the loop goroutine only; async Go work reserves the loop (Loop().Reserve or
// Loop().Promise) and hands its result back as a task.
type VU interface {
	VM() *goja.Runtime
	Loop() *eventloop.Loop
	// Require returns the exports of another module of the same VM, instantiating it on
	// first use, as a script's require does; it also serves "wsrun/internal", the hidden
	// module the embedded protocol modules are built on (its API is not stable).
	Require(name string) (goja.Value, error)
}

// Throw makes a require that failed throw in the script: what the module's instantiation
// threw is rethrown as it is, any other error becomes an Error with its message.
func Throw(vm *goja.Runtime, err error) {
	var ex *goja.Exception
	if errors.As(err, &ex) {
		panic(ex)
	}
	newError, _ := goja.AssertConstructor(vm.Get("Error"))
	e, _ := newError(nil, vm.ToValue(err.Error()))
	panic(e)
}
