package engine_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/runtime/engine"
	"github.com/wsrun/wsrun/runtime/report"
)

// A host program runs a JS suite with a module of its own and reads the results as data.
func ExampleRun() {
	fixtures := engine.ModuleFunc(func(vu engine.VU) (goja.Value, error) {
		vm := vu.VM()
		exports := vm.NewObject()
		_ = exports.Set("user", map[string]any{"name": "alice", "role": "admin"})
		// Async work reserves the loop and settles the promise from any goroutine.
		_ = exports.Set("token", func() *goja.Promise {
			p, resolve, _ := vu.Loop().Promise("fixtures.token")
			go resolve("secret-token")
			return p
		})
		return exports, nil
	})

	var pretty bytes.Buffer
	sum, err := engine.Run(context.Background(), engine.Options{
		Paths:   []string{"../../testdata/embed/fixtures.test.js"},
		Modules: map[string]engine.Module{"myapp/fixtures": fixtures},
		Reporters: []report.Reporter{
			report.NewPretty(&pretty, report.PrettyOptions{}),
			report.Funcs{OnFile: func(f report.FileResult) {
				for _, t := range f.Tests {
					fmt.Printf("%s: %s\n", t.Status, t.FullName)
				}
			}},
		},
	})
	if err != nil {
		panic(err)
	}
	fmt.Printf("passed %d, failed %d\n", sum.Tests.Passed, sum.Tests.Failed)
	fmt.Println(strings.Contains(pretty.String(), `Expected: "viewer"`))
	// Output:
	// passed: the host program provides fixtures
	// failed: and sees what fails
	// passed 1, failed 1
	// true
}
