package expect

import (
	"embed"
	"errors"
	"fmt"
	"sync"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/wsrun"
)

// ProgramPrefix starts the file name of every embedded script, so stack frames inside
// expect read "wsrun:expect/matchers.js:…" and the runner can skip them when it looks for
// the user's failing line.
const ProgramPrefix = wsrun.InternalPrefix + "expect/"

//go:embed js/*.js
var scripts embed.FS

// scriptOrder is the order the scripts run in. Each script is a function expression
// taking the shared namespace object: it reads what the earlier scripts put there and
// adds its own names.
var scriptOrder = []string{
	"equals.js",
	"format.js",
	"lines.js",
	"diff.js",
	"asymmetric.js",
	"utils.js",
	"matchers.js",
	"compare.js",
	"throw.js",
	"match.js",
	"snapshot.js",
	"mock.js",
	"spies.js",
	"expect.js",
}

var (
	compileOnce sync.Once
	compileDone = make(chan struct{})
	programs    []*goja.Program
	compileErr  error
)

// Precompile starts compiling the scripts in the background, one goroutine each, so that the
// work overlaps with whatever the process does before its first VM needs them. Compiling
// them is most of a cold start; calling Precompile is optional and safe to repeat.
func Precompile() {
	compileOnce.Do(func() { go compileAll() })
}

func compileAll() {
	defer close(compileDone)
	progs := make([]*goja.Program, len(scriptOrder))
	errs := make([]error, len(scriptOrder))
	var wg sync.WaitGroup
	for i, name := range scriptOrder {
		wg.Go(func() {
			src, err := scripts.ReadFile("js/" + name)
			if err != nil {
				errs[i] = fmt.Errorf("expect: read %s: %w", name, err)
				return
			}
			progs[i], errs[i] = goja.Compile(ProgramPrefix+name, string(src), true)
			if errs[i] != nil {
				errs[i] = fmt.Errorf("expect: compile %s: %w", name, errs[i])
			}
		})
	}
	wg.Wait()
	programs, compileErr = progs, errors.Join(errs...)
}

// compiled returns the scripts compiled once per process; goja programs are immutable
// and may be run by any number of VMs.
func compiled() ([]*goja.Program, error) {
	Precompile()
	<-compileDone
	return programs, compileErr
}
