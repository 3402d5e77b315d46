// Package watch is what wsrun --watch and wsrun serve --watch need to know which runs a change
// calls for: a Watcher that reports changed files in debounced batches (fsnotify, which
// watches directories one by one, so Watcher adds a tree's subdirectories itself, those made
// later too, skipping node_modules and dot-directories); a Graph of what each test file was
// built from (report.FileResult.Inputs), which turns changed files into the test files they
// affect; and Keys, the state machine of the watch-mode keys, which does no I/O so that it is
// tested on its own.
//
// # Goroutines
//
// A Watcher has one goroutine of its own, from New to Close, that reads fsnotify's events and
// sends batches on Changes; AddTree and AddDir may be called from any goroutine. Graph and Keys
// are plain values for one goroutine.
//
//	w, _ := watch.New()
//	defer w.Close()
//	_ = w.AddTree("/project/tests")
//	var g watch.Graph
//	g.Set(file, result.Inputs, false)
//	for changed := range w.Changes() {
//		run(g.Affected(changed))
//	}
package watch
