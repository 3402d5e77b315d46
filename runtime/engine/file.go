package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/jsonlimit"
	"github.com/wsrun/wsrun/jsapi/modules"
	"github.com/wsrun/wsrun/jsapi/ws"
	"github.com/wsrun/wsrun/jsapi/wsrun"
	"github.com/wsrun/wsrun/jsapi/wsrun/expect"
	"github.com/wsrun/wsrun/runtime/eventloop"
	"github.com/wsrun/wsrun/runtime/report"
)

// fileRun runs one test file in its own VM. Everything in it belongs to the goroutine that
// called runFile, which is the loop goroutine of its VM.
type fileRun struct {
	r       *runner
	file    testFile
	ctx     context.Context
	vm      *goja.Runtime
	loop    *eventloop.Loop
	reg     *wsrun.Registry
	expect  *expect.Expect
	modules map[string]*slot // every module scripts can import, by name
	globals []global         // the built-ins' globals, in table order: "wsrun" exports them
	only    []global         // exports of "wsrun" that are no globals (builtin.wsrunOnly)
	sources sources
	bundle  <-chan bundled // the file being bundled while the VM is set up

	result  report.FileResult
	console *report.ConsoleLog // where console output goes now
	orphan  report.ConsoleLog  // output from outside any test, given to the next test
	soft    []softFail         // expect.soft failures of the running test
	snaps   *snapshots         // the file's snapshots; nil outside a test run (serve)
	// broken is set when the VM must not run more JavaScript (a test used more than
	// --max-memory, which the VM may still hold): why; brokenReason is shown on the tests
	// left out. An interrupted runaway test does not break the VM (see Loop.Run).
	broken       string
	brokenReason string
	// cleaning is set while an afterEach or afterAll hook runs: it may go on for a while
	// after the run was interrupted (see runner.cleanup).
	cleaning bool
	trans    transcripts
	ops      report.OperationTable // latencies of the file's request-like operations
	ws       *ws.Module
	// consoleOut, when set, receives console output at once instead of per test.
	consoleOut io.Writer
	// inherit is where the servers wsrun serve --watch restarts listened (ws.Options).
	inherit []ws.Listened
	start   time.Time

	// What a late error (late.go) needs: the test whose run (hooks included) is going on,
	// the tests started so far, what is running now, the file's declarations (lazily), and
	// the late errors that surfaced during the running test's function.
	running    *wsrun.Test
	testScope  *eventloop.Scope // the running test's (see ownTask)
	ran        []*wsrun.Test
	phase      phase
	decls      []decl
	lateInTest []report.Failure
	lastLate   []report.Failure // those of the last runTest, for its retry
	// Late errors past maxLate: of the running test, and of the file.
	lateInTestMore, lateFile, lateFileMore int
}

// runFile loads and runs one file. It returns false when none of the file's tests is selected,
// so the file is not reported at all.
func (r *runner) runFile(ctx context.Context, tf testFile) (res report.FileResult, ok bool) {
	start := time.Now()
	f := &fileRun{r: r, file: tf, ctx: ctx, result: report.FileResult{Path: tf.display, Tests: []report.TestResult{}}}
	f.console = &f.orphan
	f.start = start
	defer func() {
		// The loop recovers panics under a task; this catches one in the engine's own code
		// around them, so that the file fails and the run, with the results so far, goes on.
		if x := recover(); x != nil {
			pe := eventloop.Recovered(x)
			f.fileError(report.Failure{Message: pe.Error(), Stack: pe.Stack})
			res, ok = f.finish(), true
		}
	}()
	if tf.problem != "" {
		f.fileError(report.Failure{Message: tf.problem})
		return f.finish(), true
	}
	if r.bailed() {
		// Not started: one skipped test named after the file says why, as a file that fails
		// to load adds one failed test, so that no reporter shows it as an empty pass.
		f.result.Status = report.Skipped
		f.result.Tests = append(f.result.Tests, report.TestResult{Name: tf.display, FullName: tf.display,
			Status: report.Skipped, Reason: r.bailReason(), Console: []report.ConsoleEntry{}})
		return f.result, true
	}
	if err := f.setup(); err != nil {
		f.fileError(report.Failure{Message: "wsrun could not set up the script's VM: " + err.Error()})
		return f.finish(), true
	}
	r.mem.enter(f)
	defer r.mem.leave(f)
	defer f.loop.CloseAll()
	if err := f.openSnapshots(); err != nil {
		f.fileError(report.Failure{Message: "wsrun could not set up the script's VM: " + err.Error()})
		return f.finish(), true
	}
	if fail := f.load(); fail != nil {
		f.fileError(*fail)
		return f.finish(), true
	}
	if len(f.reg.Root.Tests()) == 0 {
		f.fileError(report.Failure{Message: fmt.Sprintf("no tests found in %s", tf.display)})
		return f.finish(), true
	}
	if !f.selectTests() {
		return report.FileResult{}, false
	}
	f.reg.Lock("tests cannot be declared while tests run; declare them at the top level or in a describe callback")
	f.forbidOnlyInCI()
	f.runSuite(f.reg.Root)
	f.saveSnapshots()
	return f.finish(), true
}

// MaxCallStackSize is the deepest a script's calls may nest before it gets "RangeError: Maximum
// call stack size exceeded", close to Node's ~11,000 frames of a small function. Without a
// limit goja grows its stack until memory runs out (1.6 GB in 30 s). The embedded expect
// library recurses once or more per level of a value it compares or prints; measured,
// toEqual and toMatchObject of objects and arrays nested 3,000 deep pass, 5,000 deep do not.
const MaxCallStackSize = 10000

// setup creates the VM and its modules: the engine's services (the registry, the expect
// library, the transcript), then the table of built-ins (builtins.go), then the host's.
func (f *fileRun) setup() error {
	f.bundle = f.startBundle()
	f.vm = goja.New()
	f.vm.SetMaxCallStackSize(MaxCallStackSize)
	jsonlimit.Install(f.vm)
	guardFunctionConstructors(f.vm)
	f.loop = eventloop.New(f.vm)
	f.reg = wsrun.NewRegistry()
	exp, err := expect.New(f.vm, softSink{f})
	if err != nil {
		return err
	}
	f.expect = exp
	f.trans.f = f
	f.trans.start = time.Now() // -vv times before the first test count from here
	if err := f.installBuiltins(); err != nil {
		return err
	}
	if err := f.hostModules(); err != nil {
		return err
	}
	return f.vm.Set("require", f.require)
}

type softSink struct{ f *fileRun }

func (s softSink) SoftFailure(err goja.Value) {
	s.f.soft = append(s.f.soft, softFail{v: err, phase: s.f.phase, scope: s.f.loop.TaskScope()})
}

func (f *fileRun) format(v goja.Value) string { return f.expect.Format(v) }

func (f *fileRun) log(level, text string) {
	if f.consoleOut != nil { // wsrun serve: as it happens
		fmt.Fprintf(f.consoleOut, "%s: %s\n", level, f.r.red.String(text))
		return
	}
	f.console.Add(level, text)
}

// require serves the built-in modules. Every other import and require was resolved when the
// file was bundled, so what reaches here is a built-in module or a require whose argument is
// not a string literal, which bundling cannot follow.
func (f *fileRun) require(name string) goja.Value {
	if s, ok := f.modules[name]; ok && !s.internal {
		v, err := f.Require(name)
		if err != nil {
			modules.Throw(f.vm, err)
		}
		return v
	}
	msg := fmt.Sprintf("cannot require %q: it is not a built-in module (%s), and other modules "+
		"are bundled before the script runs, so they must be required with a string literal", name, strings.Join(f.moduleNames(), ", "))
	if strings.HasPrefix(name, "wsrun/") {
		msg = fmt.Sprintf("there is no module %q; the built-in modules are %s", name, strings.Join(f.moduleNames(), ", "))
	}
	newError, _ := goja.AssertConstructor(f.vm.Get("Error"))
	err, _ := newError(nil, f.vm.ToValue(msg))
	panic(err)
}

// load bundles and compiles the file, then runs its top level, which declares the tests. A
// file that declares none but default-exports a function gets that function as its one test.
func (f *fileRun) load() *report.Failure {
	c, fail := f.compiled()
	if fail != nil {
		return fail
	}
	for _, w := range c.warnings {
		f.log("warn", "wsrun: warning: "+w)
	}
	module := f.vm.NewObject()
	exports := f.vm.NewObject()
	_ = module.Set("exports", exports)
	ctx, cancel := context.WithTimeout(f.ctx, f.r.opts.timeout())
	defer cancel()
	err := f.loop.Run(ctx, func() error {
		f.loop.Stop() // timers the top level starts fire later, during the tests
		if _, err := f.vm.RunProgram(disposeSymbols); err != nil {
			return err
		}
		wrapper, err := f.vm.RunProgram(c.prog)
		if err != nil {
			return err
		}
		fn, ok := goja.AssertFunction(wrapper)
		if !ok {
			return errors.New("the bundled script is not a function")
		}
		_, err = fn(exports, exports, module)
		return err
	})
	if err != nil {
		fail := f.failureOf(f.timeoutError(err, "loading the file", f.r.opts.timeout()))
		return &fail
	}
	if fail := f.withSoft(nil); fail != nil { // expect.soft at the top level: the tests still run
		f.fileError(*fail)
	}
	f.addDefaultTest(module.Get("exports"))
	return nil
}

// fileError records a failure of the file as a whole, and adds one failed test named after
// the file so the Tests line never hides it.
func (f *fileRun) fileError(fail report.Failure) {
	if f.result.Error == nil {
		f.result.Error = &fail
	}
	f.r.failures.Add(1) // it is a failed test on the Tests line, so it counts for --bail too
	f.result.Tests = append(f.result.Tests, report.TestResult{
		Name: f.file.display, FullName: f.file.display, Status: report.Failed,
		Errors: []report.Failure{fail}, Console: f.takeOrphan(),
	})
}

func (f *fileRun) takeOrphan() []report.ConsoleEntry { return f.orphan.Take() }

func (f *fileRun) finish() report.FileResult {
	if fail := lateSummary(f.lateFileMore); fail != nil {
		f.lateFileMore = 0
		f.fileError(*fail)
	}
	f.result.Duration = time.Since(f.start)
	f.result.Operations = f.ops.Rows()
	f.result.Status = report.Passed
	if f.result.Error != nil {
		f.result.Status = report.Failed
	}
	for _, t := range f.result.Tests {
		if t.Status == report.Failed {
			f.result.Status = report.Failed
		}
	}
	return f.result
}
