package jsmodule

import (
	"fmt"
	"path"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/dop251/goja"
	"github.com/evanw/esbuild/pkg/api"
	"github.com/wsrun/wsrun/jsapi/modules"
	"github.com/wsrun/wsrun/jsapi/wsrun"
)

// Module is a built-in module written in JavaScript. It is safe for concurrent use: files
// running in parallel share its program.
type Module struct {
	name, file, source string

	once     sync.Once
	prog     *goja.Program
	err      error
	compiles atomic.Int32 // how many times the source was compiled: at most once
}

// New makes the module scripts import as name ("wsrun/socketio") from source, an ES module.
// Nothing is compiled until a script imports it.
func New(name, source string) *Module {
	base := strings.TrimPrefix(name, "wsrun/")
	return &Module{name: name, file: wsrun.InternalPrefix + base + "/" + path.Base(base) + ".js", source: source}
}

// Name is the name scripts import the module by.
func (m *Module) Name() string { return m.name }

// The wrapper turns the CommonJS output into a function of CommonJS's three names; it is on
// the first line so that line numbers inside the module stay esbuild's.
const (
	wrapHead = "(function (exports, module, require) {"
	wrapTail = "\n})"
)

// GojaLacks is the syntax goja cannot run, which esbuild lowers to what it can, in embedded
// modules and in scripts alike (the engine's bundler uses it too). Top-level await cannot be
// lowered to a script and is reported as an error.
var GojaLacks = map[string]bool{
	"async-generator":      false,
	"for-await":            false,
	"decorators":           false,
	"using":                false,
	"dynamic-import":       false,
	"import-meta":          false,
	"regexp-match-indices": false,
	"regexp-set-notation":  false,
}

// program is the module compiled once per process.
func (m *Module) program() (*goja.Program, error) {
	m.once.Do(func() {
		m.compiles.Add(1)
		res := api.Transform(m.source, api.TransformOptions{
			Format:     api.FormatCommonJS,
			Loader:     api.LoaderJS,
			Target:     api.ESNext,
			Sourcefile: m.file,
			LogLevel:   api.LogLevelSilent,
			Charset:    api.CharsetASCII,
			Supported:  GojaLacks,
		})
		if len(res.Errors) > 0 {
			e := res.Errors[0]
			where := m.file
			if e.Location != nil {
				where = fmt.Sprintf("%s:%d:%d", m.file, e.Location.Line, e.Location.Column+1)
			}
			m.err = fmt.Errorf("built-in module %s does not compile: %s: %s", m.name, where, e.Text)
			return
		}
		m.prog, m.err = goja.Compile(m.file, wrapHead+string(res.Code)+wrapTail, true)
		if m.err != nil {
			m.err = fmt.Errorf("built-in module %s does not compile: %w", m.name, m.err)
		}
	})
	return m.prog, m.err
}

// Instantiate runs the module's program in vu's VM and returns its module.exports. Its
// imports are served by vu.Require.
func (m *Module) Instantiate(vu modules.VU) (goja.Value, error) {
	prog, err := m.program()
	if err != nil {
		return nil, err
	}
	vm := vu.VM()
	wrapper, err := vm.RunProgram(prog)
	if err != nil {
		return nil, err
	}
	fn, ok := goja.AssertFunction(wrapper)
	if !ok {
		return nil, fmt.Errorf("built-in module %s: its program is not a function", m.name)
	}
	module, exports := vm.NewObject(), vm.NewObject()
	_ = module.Set("exports", exports)
	require := func(name string) goja.Value {
		v, err := vu.Require(name)
		if err != nil {
			modules.Throw(vm, err)
		}
		return v
	}
	if _, err := fn(exports, exports, module, vm.ToValue(require)); err != nil {
		return nil, err
	}
	return module.Get("exports"), nil
}

// Compiles is how many times the source was compiled in this process: 0 until a script
// imports the module, then 1.
func (m *Module) Compiles() int { return int(m.compiles.Load()) }
