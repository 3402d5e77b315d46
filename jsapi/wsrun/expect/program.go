package expect

import (
	"embed"
	"fmt"
	"sync"

	"github.com/dop251/goja"
)

// ProgramPrefix starts the file name of every embedded script, so stack frames inside
// expect read "wsrun:expect/matchers.js:…" and the runner can skip them when it looks for
// the user's failing line.
const ProgramPrefix = "wsrun:expect/"

//go:embed js/*.js
var scripts embed.FS

// scriptOrder is the order the scripts run in. Each script is a function expression
// taking the shared namespace object: it reads what the earlier scripts put there and
// adds its own names.
var scriptOrder = []string{
	"equals.js",
	"format.js",
	"diff.js",
	"asymmetric.js",
	"utils.js",
	"matchers.js",
	"compare.js",
	"throw.js",
	"match.js",
	"expect.js",
}

var (
	compileOnce sync.Once
	programs    []*goja.Program
	compileErr  error
)

// compiled returns the scripts compiled once per process; goja programs are immutable
// and may be run by any number of VMs.
func compiled() ([]*goja.Program, error) {
	compileOnce.Do(func() {
		for _, name := range scriptOrder {
			src, err := scripts.ReadFile("js/" + name)
			if err != nil {
				compileErr = fmt.Errorf("expect: read %s: %w", name, err)
				return
			}
			p, err := goja.Compile(ProgramPrefix+name, string(src), true)
			if err != nil {
				compileErr = fmt.Errorf("expect: compile %s: %w", name, err)
				return
			}
			programs = append(programs, p)
		}
	})
	return programs, compileErr
}
