// Package engine runs wsrun test files: it finds them, bundles each with esbuild, runs it in
// a VM of its own with the modules scripts see, and hands the results, as data, to reporters.
// Run is everything the wsrun command does, --list included; List returns what a run would
// execute, as data; Serve is wsrun serve. A Go error
// from them means the run itself broke (a bad path, ErrNoTests); a failing test is a
// report.TestResult.
//
// # The path a file takes
//
//   - prepare fills in Options' defaults, builds the run's Redactor, discovers and shards the
//     files, and scans them for .only, which leaves out the other files' tests. When no file
//     that loads declares one after all (the scan misread a file), the files it left out run
//     once the others are done (misreadOnly); --list lists them the same way.
//   - runFile runs one file on a worker goroutine (see below); a file that cannot be read, or
//     that --bail keeps from starting, is reported without a VM.
//   - setup makes the VM (MaxCallStackSize, JSON.parse's depth limit), its eventloop.Loop, the
//     services modules use (the test registry, the expect library, the transcript), then the
//     modules: every row of the builtins table (builtins.go: import name, globals, how it is
//     made), each a jsapi/modules.Module like a host's. Rows with globals (the test API,
//     expect with jest and vi, timers, console, process, fetch, ws) are instantiated now and
//     set their globals; the others ("wsrun", which exports every global and fn and spyOn,
//     and the protocol modules written in JavaScript, see jsapi/jsmodule) when the file first
//     requires them. Then a host's Modules, all of them. The file is bundled meanwhile
//     (startBundle).
//   - load waits for the bundle, compiles it with its source map and runs the top level,
//     which declares the tests, within the test timeout. A default-exported function with no
//     test becomes the file's one test.
//   - selectTests applies -g, --grep-invert, Options.Select and other files' .only; runSuite
//     runs a describe block in a loop scope of its own: beforeAll, its tests and blocks in
//     order, afterAll.
//   - runTestWithRetries retries a failed test; runTest runs one attempt in a scope of its
//     own: beforeEach hooks, the test, soft failures, afterEach hooks, then closes the scope,
//     which closes everything the test opened. It collects the test's console output and
//     transcripts and, with Options.Timelines (an html or json report), its whole
//     conversation, waits included, as TestResult.Timeline: capped per test by
//     report.TimelineBuilder and for the run by MaxTimelinePayload.
//     Request-like operations the modules time (ws.Options.OnOperation) go to the file's
//     report.OperationTable, FileResult.Operations; the aggregator merges them for the run.
//   - call runs one test or hook function: run, then forgottenWaits fails a function that
//     passed while an expect* or connect it started was still pending; a failure without a
//     location points at the function's declaration. An error that a callback an earlier
//     test left behind throws meanwhile is a late error (late.go): it fails the running test,
//     or during a hook the file, and the call goes on.
//   - run calls the function inside Loop.Run under the timeout, with a done callback when it
//     takes one, and awaits the promise it returns. An error from the loop becomes a
//     report.Failure: failureOf describes whatever was thrown (it is total), and
//     timeoutError says what a timed-out test still waited on.
//   - Loop.Run runs the tasks until the function settles. It interrupts a script still
//     running past the timeout and resets the VM after that or a Go panic (see
//     runtime/eventloop), so the file's next test runs in the same VM. Only --max-memory
//     marks the VM broken: the file's remaining tests are then reported as not run.
//
// Each FileResult carries Inputs, the files the test file was built from (esbuild's metafile,
// which bundling computes anyway): a watcher (wsrun --watch) is a reporter like any other and
// learns from them which files a change affects; Discover lists the test files paths hold.
//
// Results go back to Run, which feeds the aggregator and, through redacting, the reporters:
// every text a reporter gets has passed the Redactor. Snapshot files (-u) and trace files
// (--trace-dir) are written through runtime/safefile.
//
// When ctx ends (SIGINT), no test starts any more and running ones stop; afterEach and
// afterAll hooks then run under runner.cleanup, which gives them HookGrace together.
//
// # Goroutines
//
//   - The goroutine that calls Run prepares the run, then is the only one that calls the
//     aggregator and the reporters, one file at a time, in the order files finish.
//   - min(Parallel, files) worker goroutines take files and call runFile. A worker is its
//     file's loop goroutine (see runtime/eventloop; a -race build checks it with
//     Loop.MustOwn): all of fileRun belongs to it, and between two Loop.Run calls it uses the
//     VM directly. Files share only the runner, whose
//     mutable parts (the --bail count, trace names, the -vv writer) are atomic or locked.
//   - One goroutine per file bundles it (esbuild); it reads only the options and the files
//     the bundle is built from, which esbuild's own goroutines scan for nesting first
//     (nestingPlugin).
//   - The modules' Go work — timers, fetch requests, each connection's reader and writer —
//     runs on goroutines of its own and hands results to the loop as tasks. A connection's
//     reader uses Source.Deliver, so it may run those tasks itself while the worker waits
//     in Loop.Run, as the loop goroutine for that time.
//   - With a memory limit, the watchdog (memoryWatch) samples the heap on its own goroutine
//     and stops the running tests with Loop.Abort; reading a snapshot file, which runs in a
//     VM of its own, has a sampler of its own that interrupts that VM (parseSnapshots).
//   - A timer started when ctx ends cancels runner.cleanup HookGrace later.
//
// Serve has no workers: the goroutine that calls it runs the file's loop until ctx ends. With
// ServeOptions.Restart (wsrun serve --watch), one goroutine per run of the script waits for a
// restart and ends that run's loop; the servers are then closed with 1012, keeping their
// listening sockets, and the script runs again in a new VM whose servers take over the old
// sockets and ports (ws.Options.Inherit): a client that reconnects at once waits in the
// socket's backlog for the new run instead of being refused.
//
//	sum, err := engine.Run(ctx, engine.Options{
//		Paths:     []string{"tests"},
//		Reporters: []report.Reporter{report.NewPretty(os.Stdout, report.PrettyOptions{})},
//	})
package engine
