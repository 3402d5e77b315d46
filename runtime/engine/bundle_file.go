package engine

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/wsrun"
	"github.com/wsrun/wsrun/runtime/report"
)

// bundled is the outcome of bundling a file: the program, or the failure to report with the
// text of the file it points into and the files known to be inputs (esbuild's metafile is
// empty when the build failed: the file itself and the one the error points into).
type bundled struct {
	c          *compiled
	fail       *report.Failure
	failSource string
	failInputs []string
}

// startBundle bundles the file on its own goroutine, so that esbuild's work overlaps the VM's
// set-up, which takes longer; load waits for it. It only reads the options and the file.
func (f *fileRun) startBundle() <-chan bundled {
	out := make(chan bundled, 1)
	cwd, file := f.r.opts.Cwd, f.file.abs
	external := append([]string(nil), builtinModules...)
	for name := range f.r.opts.Modules {
		external = append(external, name)
	}
	go func() { out <- bundleFile(cwd, file, external) }()
	return out
}

// bundleFile bundles the file at path, leaving the modules named in external to require;
// relative paths start at cwd. It may be called from any goroutine.
func bundleFile(cwd, path string, external []string) bundled {
	cwd, err := filepath.Abs(cwd)
	if err != nil {
		return bundled{fail: &report.Failure{Message: "wsrun: " + err.Error()}}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return bundled{fail: &report.Failure{Message: "wsrun: " + err.Error()}}
	}
	c, fail := bundler{cwd: cwd, external: external}.compile(abs)
	if fail == nil {
		return bundled{c: c}
	}
	b := bundled{fail: fail, failInputs: []string{abs}}
	if loc := fail.Location; loc != nil {
		p := loc.File
		if !filepath.IsAbs(p) {
			p = filepath.Join(cwd, filepath.FromSlash(p))
		}
		if src, err := os.ReadFile(p); err == nil {
			b.failSource = strings.TrimPrefix(string(src), "\uFEFF")
		}
		if p != abs {
			b.failInputs = append(b.failInputs, p)
		}
	}
	return b
}

// compiled waits for the bundle startBundle began, keeps the text of its files for code frames
// and returns the program, or the failure with its code frame.
func (f *fileRun) compiled() (*compiled, *report.Failure) {
	ch := f.bundle
	if ch == nil {
		ch = f.startBundle()
	}
	b := <-ch
	if b.fail != nil {
		f.result.Inputs = b.failInputs
		if loc := b.fail.Location; loc != nil && b.failSource != "" && !f.sources.has(loc.File) {
			f.sources.add(loc.File, b.failSource)
		}
		f.addCodeFrame(b.fail)
		return nil, b.fail
	}
	for name, text := range b.c.sources {
		f.sources.add(name, text)
	}
	f.result.Inputs = b.c.inputs
	return b.c, nil
}

// addDefaultTest makes a k6-style script runnable: when the file declared no test but exports
// a function, that function is its one test, named after the file.
func (f *fileRun) addDefaultTest(exports goja.Value) {
	if len(f.reg.Root.Tests()) > 0 {
		return
	}
	if fn, ok := defaultExport(exports); ok {
		f.reg.Root.Children = append(f.reg.Root.Children, &wsrun.Test{
			Name: f.file.display, Fn: fn, Retries: -1, Parent: f.reg.Root,
			Pos: wsrun.Pos{File: f.file.display, Line: 1, Col: 1},
		})
	}
}

// defaultExport is the function a k6-style script exports: module.exports itself, or its
// default.
func defaultExport(exports goja.Value) (goja.Callable, bool) {
	if fn, ok := goja.AssertFunction(exports); ok {
		return fn, true
	}
	if obj, ok := exports.(*goja.Object); ok {
		return goja.AssertFunction(obj.Get("default"))
	}
	return nil, false
}

// disposeSymbols gives goja the well-known symbols of `using` declarations, which it lacks, as
// the same registered symbols esbuild's lowering falls back to, so that scripts can write
// [Symbol.dispose]() { … }.
var disposeSymbols = goja.MustCompile(wsrun.InternalPrefix+"symbols", `
for (const name of ['dispose', 'asyncDispose']) {
  if (Symbol[name] === undefined) {
    Object.defineProperty(Symbol, name, { value: Symbol.for('Symbol.' + name) });
  }
}`, true)
