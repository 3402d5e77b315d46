package engine

import (
	"fmt"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/runtime/eventloop"
)

// Module is a JS module a host program provides under a name of its own, such as
// "myapp/fixtures"; scripts import or require it like the built-in ones.
type Module interface {
	// Instantiate returns the module's exports for one VM. It is called once per test file,
	// on that file's loop goroutine, before the file runs.
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
}

// VM returns the file's VM.
func (f *fileRun) VM() *goja.Runtime { return f.loop.VM() }

// Loop returns the file's event loop.
func (f *fileRun) Loop() *eventloop.Loop {
	f.loop.MustOwn()
	return f.loop
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
		f.modules[name] = v
	}
	return nil
}
