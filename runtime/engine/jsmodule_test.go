package engine

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/jsmodule"
	"github.com/wsrun/wsrun/jsapi/modules"
	"github.com/wsrun/wsrun/runtime/report"
)

// greeterSource is a test-only built-in module written in JavaScript, as the protocol
// modules are.
const greeterSource = `import { connect } from 'wsrun/ws';
import { inbox } from 'wsrun/internal';

export const connectType = typeof connect;
export const inboxType = typeof inbox;

export function greet(name) {
  if (!name) {
    throw new TypeError('greet needs a name');
  }
  return 'hello ' + name;
}

export default { greet };
`

// withBuiltins adds rows to the table of built-ins for one test.
func withBuiltins(t *testing.T, rows ...builtin) {
	saved := builtins
	builtins = append(slices.Clone(builtins), rows...)
	t.Cleanup(func() { builtins = saved })
}

// TestEmbeddedModules runs scripts that import a built-in module written in JavaScript: by
// name from JS and TS, by require from CommonJS; it is instantiated only for the files that
// import it, an error thrown inside it points at the script's line, wsrun/internal is not
// the scripts', and a module that does not compile fails the files importing it.
func TestEmbeddedModules(t *testing.T) {
	greeter := jsmodule.New("wsrun/greeter", greeterSource)
	var made atomic.Int32
	withBuiltins(t,
		builtin{name: "wsrun/greeter", make: func(*fileRun) modules.Module {
			return modules.ModuleFunc(func(vu modules.VU) (goja.Value, error) {
				made.Add(1)
				return greeter.Instantiate(vu)
			})
		}},
		builtin{name: "wsrun/broken", make: func(*fileRun) modules.Module {
			return jsmodule.New("wsrun/broken", "export const nothing = () => {\n  return 1 +;\n};\n")
		}},
	)
	results := map[string]report.FileResult{}
	_, err := Run(context.Background(), Options{
		Paths: []string{"modules/builtin"}, Cwd: filepath.Join("..", "..", "testdata"), Parallel: 2,
		Reporters: []report.Reporter{report.Funcs{OnFile: func(f report.FileResult) { results[f.Path] = f }}},
	})
	if err != nil {
		t.Fatal(err)
	}
	status := func(file string) report.Status { return results["modules/builtin/"+file].Status }
	for _, file := range []string{"import.test.js", "import.test.ts", "require.test.cjs", "none.test.js"} {
		if status(file) != report.Passed {
			t.Errorf("%s: %s, want passed: %+v", file, status(file), results["modules/builtin/"+file])
		}
	}
	// import.test.js, import.test.ts, require.test.cjs and throws.test.js; not none.test.js.
	if n := made.Load(); n != 4 {
		t.Errorf("the module was instantiated %d times, want 4 (once per file that imports it)", n)
	}
	if n := greeter.Compiles(); n != 1 {
		t.Errorf("the module was compiled %d times, want once per process", n)
	}
	failure := func(file string) report.Failure {
		f := results["modules/builtin/"+file]
		if f.Status != report.Failed || len(f.Tests) != 1 || len(f.Tests[0].Errors) == 0 {
			t.Fatalf("%s: want one failed test, got %+v", file, f)
		}
		return f.Tests[0].Errors[0]
	}
	thrown := failure("throws.test.js")
	if thrown.Message != "TypeError: greet needs a name" || thrown.Location == nil ||
		thrown.Location.File != "modules/builtin/throws.test.js" || thrown.Location.Line != 4 {
		t.Errorf("want the error located at the script's call (line 4), got %q at %+v", thrown.Message, thrown.Location)
	}
	internal := failure("internal.test.js")
	// The list grows with every protocol module; what matters is that it does not offer internal.
	_, listed, _ := strings.Cut(internal.Message, "the built-in modules are ")
	if !strings.HasPrefix(internal.Message, `Error: there is no module "wsrun/internal";`) ||
		!strings.HasPrefix(listed, "wsrun, wsrun/broken, ") || !strings.Contains(listed, " wsrun/greeter, ") ||
		strings.Contains(listed, "internal") {
		t.Errorf("wsrun/internal from a script: %q", internal.Message)
	}
	broken := failure("broken.test.js")
	if !strings.Contains(broken.Message, "built-in module wsrun/broken does not compile: wsrun:broken/broken.js:2:") ||
		broken.Location == nil || broken.Location.File != "modules/builtin/broken.test.js" {
		t.Errorf("a module with a syntax error: %q at %+v", broken.Message, broken.Location)
	}
}
