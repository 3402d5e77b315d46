package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/wsrun/wsrun/runtime/engine"
	"github.com/wsrun/wsrun/runtime/report"
	"github.com/wsrun/wsrun/runtime/watch"
)

// watcher is wsrun --watch: what it knows between runs. One goroutine (runWatch's) uses it.
type watcher struct {
	ctx   context.Context
	f     *flags
	s     streams
	cwd   string
	paths []string // as given
	fsw   *watch.Watcher
	graph watch.Graph
	keys  bool // stdin is a terminal whose keys are read

	failed     map[string]failedFile // by absolute path: the failures of each file's last run
	fileFilter *regexp.Regexp        // p
	nameFilter *regexp.Regexp        // t; -g until then
	last       []string              // the files of the last run, for Enter
	lastSum    *report.Summary
	runs       int
}

// failedFile is what failed in a file's last run: some tests, or the file as a whole.
type failedFile struct {
	display string
	whole   bool
	tests   map[string]bool // full names
}

// runWatch runs the tests, then re-runs those a change affects until q, SIGINT or SIGTERM.
// It returns exitOK for q (as Jest does) and exitInterrupted for a signal (as any run).
func runWatch(ctx context.Context, f *flags, paths []string, s streams) int {
	if f.list || f.shard != "" {
		fmt.Fprintln(s.err, "wsrun: --watch cannot be used with --list or --shard")
		return exitUsage
	}
	_, closers, err := f.options(paths, s) // checks the flags once, before anything runs
	closeAll(closers, false, s.err)
	if err != nil {
		fmt.Fprintf(s.err, "wsrun: %v\n", err)
		return exitUsage
	}
	cwd, err := os.Getwd()
	if err == nil {
		_, err = engine.Discover(cwd, paths) // a path that does not exist is a usage error
	}
	if err != nil {
		fmt.Fprintf(s.err, "wsrun: %v\n", err)
		return exitUsage
	}
	fsw, err := watch.New()
	if err != nil {
		fmt.Fprintf(s.err, "wsrun: --watch: %v\n", err)
		return exitFailed
	}
	defer fsw.Close()
	w := &watcher{ctx: ctx, f: f, s: s, cwd: cwd, paths: pathsOrDot(paths), fsw: fsw, failed: map[string]failedFile{}}
	w.nameFilter, _ = compile("--grep", f.grep)
	if err := w.watchPaths(); err != nil {
		fmt.Fprintf(s.err, "wsrun: --watch: %v\n", err)
		return exitFailed
	}
	var typed <-chan rune
	if s.keyboard != nil {
		restore, err := s.keyboard()
		if err != nil {
			fmt.Fprintf(s.err, "wsrun: --watch: keys are off: %v\n", err)
		} else {
			defer restore()
			w.keys = true
			typed = readRunes(s.in)
		}
	}
	return w.loop(typed)
}

// watchPaths watches the directories given, with their subdirectories, and the directory of
// each file given.
func (w *watcher) watchPaths() error {
	for _, p := range w.paths {
		abs := w.abs(p)
		if info, err := os.Stat(abs); err == nil && info.IsDir() {
			if err := w.fsw.AddTree(abs); err != nil {
				return err
			}
		} else if err := w.fsw.AddDir(filepath.Dir(abs)); err != nil {
			return err
		}
	}
	return nil
}

// loop runs every test file once, then runs what each change and key calls for, until q or a
// signal; typed is nil without keys.
func (w *watcher) loop(typed <-chan rune) int {
	w.discover()
	w.run(w.graph.Files(), "first run")
	var keys watch.Keys
	var held []string // changes seen while a pattern was typed
	for {
		select {
		case <-w.ctx.Done():
			if w.lastSum != nil && !w.lastSum.Interrupted {
				fmt.Fprint(w.s.out, "\nwsrun --watch: stopped. The last run:\n")
				colorOn, _ := report.ColorEnabled(w.f.color, w.s.terminal, w.s.getenv) // checked at start
				_ = report.NewPretty(w.s.out, report.PrettyOptions{Colors: report.NewColors(colorOn)}).RunDone(*w.lastSum)
			}
			return exitInterrupted
		case err := <-w.fsw.Errors():
			fmt.Fprintf(w.s.err, "wsrun --watch: %v\n", err)
		case changed := <-w.fsw.Changes():
			if keys.Prompting() {
				held = append(held, changed...)
				continue
			}
			w.changed(changed)
		case r, ok := <-typed:
			if !ok { // stdin closed: no more keys, changes still run
				typed = nil
				continue
			}
			ev := keys.Feed(r)
			fmt.Fprint(w.s.out, ev.Echo)
			if ev.Action == watch.Quit {
				return exitOK
			}
			w.act(ev)
			if len(held) > 0 && !keys.Prompting() {
				w.changed(held)
				held = nil
			}
		}
	}
}

// act does what a key asks.
func (w *watcher) act(ev watch.Event) {
	switch ev.Action {
	case watch.RunAll:
		w.fileFilter, w.nameFilter = nil, nil
		w.run(w.graph.Files(), "a: every file, filters cleared")
	case watch.RunFailed:
		w.runFailed()
	case watch.Rerun:
		files := w.last
		if len(files) == 0 {
			files = w.filtered(w.graph.Files())
		}
		w.run(files, "Enter: the last run again")
	case watch.FileFilter, watch.NameFilter:
		re, err := compile("the pattern", ev.Pattern)
		if err != nil {
			// The filter stays as it was; the footer says which it is, and that keys still act.
			fmt.Fprintf(w.s.err, "wsrun --watch: %v\n", err)
			w.footer()
			return
		}
		why := "p: files matching " + ev.Pattern
		if ev.Action == watch.FileFilter {
			w.fileFilter = re
		} else {
			w.nameFilter = re
			why = "t: tests matching " + ev.Pattern
		}
		if ev.Pattern == "" {
			why = "filter cleared"
		}
		w.run(w.filtered(w.graph.Files()), why)
	}
}

// runFailed re-runs the tests that failed in the last run of each file, and the whole of each
// file that failed to load.
func (w *watcher) runFailed() {
	var files []string
	byDisplay := map[string]failedFile{}
	for abs, ff := range w.failed {
		files = append(files, abs)
		byDisplay[ff.display] = ff
	}
	if len(files) == 0 {
		fmt.Fprintln(w.s.out, "\nwsrun --watch: no test failed in the last runs; nothing to re-run")
		return
	}
	slices.Sort(files)
	w.runSelected(files, "f: the failed tests", func(file, name string) bool {
		ff := byDisplay[file]
		return ff.whole || ff.tests[name]
	})
}

// changed runs the test files that changed or import a changed file, and new test files.
func (w *watcher) changed(paths []string) {
	added, removed := w.discover()
	targets := slices.Concat(w.graph.Affected(paths), added)
	// A file that failed to load lists only the inputs esbuild read before it stopped: an
	// import not found is in none of them, so creating it re-ran nothing, and the file stayed
	// red until saved. Any new or changed script may be its fix: re-run it. (Not for .json:
	// a JSON report written beside the tests would re-run it after each run, forever.)
	var fixes []string
	if changes := slices.DeleteFunc(slices.Clone(paths), func(p string) bool { return !isScript(p) }); len(changes) > 0 {
		for abs, ff := range w.failed {
			if ff.whole && w.graph.Has(abs) && !slices.Contains(targets, abs) {
				targets, fixes = append(targets, abs), changes
			}
		}
	}
	slices.Sort(targets)
	targets = w.filtered(slices.Compact(targets))
	var why []string
	for _, p := range added { // its own event may have come before its directory was watched
		why = append(why, w.shown(p)+" is new")
	}
	for _, p := range paths {
		if !slices.Contains(added, p) && (len(w.graph.Affected([]string{p})) > 0 || slices.Contains(fixes, p)) {
			why = append(why, w.shown(p)+" changed")
		}
	}
	for _, p := range removed {
		fmt.Fprintf(w.s.out, "wsrun --watch: %s was removed\n", w.shown(p))
	}
	if len(targets) > 0 {
		w.run(targets, summarize(why))
	}
}

// isScript reports whether a test file may import path as a script: not a JSON file, as
// reports are.
func isScript(path string) bool {
	switch filepath.Ext(path) {
	case ".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx":
		return true
	}
	return false
}

// summarize lists the first few reasons.
func summarize(why []string) string {
	const shown = 3
	if len(why) > shown {
		return fmt.Sprintf("%s and %d more", strings.Join(why[:shown], ", "), len(why)-shown)
	}
	return strings.Join(why, ", ")
}

// discover looks for the test files the paths hold now: the new ones join the graph, those
// gone leave it.
func (w *watcher) discover() (added, removed []string) {
	var now []string
	for _, p := range w.paths { // one at a time: a file given that was deleted leaves the rest
		files, err := engine.Discover(w.cwd, []string{p})
		if err == nil {
			now = append(now, files...)
		}
	}
	for _, f := range now {
		if !w.graph.Has(f) {
			w.graph.Set(f, nil, false)
			added = append(added, f)
		}
	}
	for _, f := range w.graph.Files() {
		if !slices.Contains(now, f) {
			w.graph.Remove(f)
			delete(w.failed, f)
			removed = append(removed, f)
		}
	}
	return added, removed
}

// filtered keeps the files the p filter matches, by the path shown.
func (w *watcher) filtered(files []string) []string {
	if w.fileFilter == nil {
		return files
	}
	return slices.DeleteFunc(slices.Clone(files), func(f string) bool { return !w.fileFilter.MatchString(w.shown(f)) })
}

func (w *watcher) run(files []string, why string) { w.runSelected(files, why, nil) }

// runSelected runs files, through the reporters of the command line, and learns from the
// results what each file imports and what failed.
func (w *watcher) runSelected(files []string, why string, sel func(file, name string) bool) {
	w.runs++
	fmt.Fprintf(w.s.out, "\n── wsrun --watch · run %d · %s · %s ──\n\n", w.runs, why, report.Plural(len(files), "file"))
	w.last = files
	if len(files) == 0 {
		fmt.Fprintln(w.s.out, "no test file to run")
		w.footer()
		return
	}
	opts, closers, err := w.f.options(files, w.s)
	if err != nil {
		closeAll(closers, false, w.s.err)
		fmt.Fprintf(w.s.err, "wsrun: %v\n", err)
		return
	}
	opts.Grep = w.nameFilter // -g until t or a changes it
	opts.Select = sel
	var got collector
	opts.Reporters = append(opts.Reporters, &got)
	sum, err := engine.Run(w.ctx, opts)
	closeAll(closers, err == nil, w.s.err)
	switch {
	case errors.Is(err, engine.ErrNoTests):
		fmt.Fprintf(w.s.err, "wsrun: no test found in %s (with the filters set)\n", report.Plural(len(files), "file"))
	case err != nil:
		fmt.Fprintf(w.s.err, "wsrun: %v\n", err)
	}
	for _, res := range got.results {
		w.learn(res)
	}
	w.lastSum = &sum
	for _, d := range w.graph.Dirs() { // a shared ../lib outside the paths too
		if err := w.fsw.AddDir(d); err != nil && !errors.Is(err, os.ErrNotExist) {
			fmt.Fprintf(w.s.err, "wsrun --watch: cannot watch %s: %v\n", w.shown(d), err)
		}
	}
	if w.ctx.Err() == nil {
		w.footer()
	}
}

// learn keeps what a file's result says: its inputs, and what failed.
func (w *watcher) learn(res report.FileResult) {
	abs := w.abs(res.Path)
	if len(res.Inputs) > 0 {
		abs = res.Inputs[0]
		// A file that failed to bundle knows only part of its inputs: keep the earlier ones.
		w.graph.Set(abs, res.Inputs, res.Error != nil)
	}
	ff := failedFile{display: res.Path, whole: res.Error != nil, tests: map[string]bool{}}
	for _, t := range res.Tests {
		if t.Status == report.Failed {
			ff.tests[t.FullName] = true
		}
	}
	if ff.whole || len(ff.tests) > 0 {
		w.failed[abs] = ff
	} else {
		delete(w.failed, abs)
	}
}

// footer says that the watcher waits, and what it listens to.
func (w *watcher) footer() {
	var filters []string
	if w.fileFilter != nil {
		filters = append(filters, "files /"+w.fileFilter.String()+"/")
	}
	if w.nameFilter != nil {
		filters = append(filters, "tests /"+w.nameFilter.String()+"/")
	}
	fmt.Fprint(w.s.out, "\nWatching for changes")
	if len(filters) > 0 {
		fmt.Fprintf(w.s.out, " (only %s)", strings.Join(filters, ", "))
	}
	if w.keys {
		fmt.Fprintln(w.s.out, ". Keys: a all, f failed, p file filter, t name filter, Enter re-run, q quit.")
	} else {
		fmt.Fprintln(w.s.out, ". Ctrl-C stops.")
	}
}

// abs is p as an absolute path.
func (w *watcher) abs(p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(w.cwd, p)
}

// shown is an absolute path as the reporters show it: relative to the working directory
// when inside it.
func (w *watcher) shown(abs string) string { return shownFrom(w.cwd, abs) }

func shownFrom(cwd, abs string) string {
	if rel, err := filepath.Rel(cwd, abs); err == nil && !strings.HasPrefix(rel, "..") {
		return report.EscapeControls(filepath.ToSlash(rel))
	}
	return report.EscapeControls(filepath.ToSlash(abs))
}

// collector keeps the results of a run for the watcher.
type collector struct{ results []report.FileResult }

func (c *collector) FileDone(f report.FileResult) { c.results = append(c.results, f) }
func (c *collector) RunDone(report.Summary) error { return nil }

// readRunes reads the keys typed, for as long as the process lives: a read from a terminal
// cannot be cancelled, and the goroutine ends with the process.
func readRunes(in io.Reader) <-chan rune {
	out := make(chan rune)
	go func() {
		defer close(out)
		br := bufio.NewReader(in)
		for {
			r, _, err := br.ReadRune()
			if err != nil {
				return
			}
			out <- r
		}
	}()
	return out
}
