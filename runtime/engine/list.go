package engine

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"runtime"

	"github.com/wsrun/wsrun/jsapi/wsrun"
	"github.com/wsrun/wsrun/jsapi/wsrun/expect"
	"github.com/wsrun/wsrun/runtime/report"
)

// Listed is a test a run would execute, or report as skipped.
type Listed struct {
	File     string // as shown: relative to Cwd when inside it
	FullName string
	// Skipped: declared with .skip or .todo, or left out by .only in its file. A run reports
	// it as skipped (or todo) without running it.
	Skipped bool
}

// List loads the files opts select and returns, in order, the tests a run would execute and
// those it would report as skipped. Only the files' top level runs. A file that fails to load
// is returned as an error.
func List(ctx context.Context, opts Options) ([]Listed, error) {
	ctx, stop := interruptOnEnd(ctx)
	defer stop()
	r, files, err := prepare(opts)
	if err != nil {
		return nil, err
	}
	var out []Listed
	listed, fails := r.listAll(ctx, files)
	for i, tf := range files {
		if fails[i] != "" {
			return out, fmt.Errorf("%s: %s", tf.display, r.red.String(fails[i]))
		}
		out = append(out, listed[i]...)
	}
	return out, nil
}

// listAll lists each file's tests, or why it cannot load, in the order of files; those that
// a misread .only left out (misreadOnly) are listed again without it, as a run runs them.
func (r *runner) listAll(ctx context.Context, files []testFile) (listed [][]Listed, fails []string) {
	listed, fails = make([][]Listed, len(files)), make([]string, len(files))
	for i, tf := range files {
		listed[i], fails[i] = r.listFile(ctx, tf)
	}
	again := r.misreadOnly(ctx, files)
	for i, tf := range files {
		if len(again) > 0 && again[0].abs == tf.abs {
			listed[i], fails[i] = r.listFile(ctx, tf)
			again = again[1:]
		}
	}
	return listed, fails
}

// Files returns the absolute paths of the test files a run of opts would load, in order,
// without loading any, so that a host can check before the run that none of the paths it is
// about to write (a report, say) is one of them.
func Files(opts Options) ([]string, error) {
	files, err := findFiles(&opts)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, f := range files {
		out = append(out, f.abs)
	}
	return out, nil
}

// findFiles fills in opts.Cwd when it is empty and returns the files of opts' shard.
func findFiles(opts *Options) ([]testFile, error) {
	_, files, err := findAllFiles(opts)
	return files, err
}

// findAllFiles is findFiles that also returns every file of the run, before sharding.
func findAllFiles(opts *Options) (all, shardFiles []testFile, err error) {
	if opts.Cwd == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, nil, err
		}
		opts.Cwd = wd
	}
	all, err = discover(opts.Cwd, opts.Paths)
	if err != nil {
		return nil, nil, err
	}
	return all, shard(all, opts.Shard), nil
}

// filesID is report.RunInfo.FileSet of a sharded run over all: a hash of the files' paths.
func filesID(all []testFile, s Shard) string {
	if s.Count <= 1 {
		return ""
	}
	h := sha256.New()
	for _, f := range all {
		h.Write([]byte(f.display))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// prepare fills in defaults and finds the files to run.
func prepare(opts Options) (*runner, []testFile, error) {
	red, err := newRedactor(opts)
	if err != nil {
		return nil, nil, err
	}
	if opts.Parallel <= 0 {
		opts.Parallel = runtime.NumCPU()
	}
	if opts.Timeout < 0 || opts.ExpectTimeout < 0 {
		return nil, nil, fmt.Errorf("%w: Timeout %s and ExpectTimeout %s must not be negative (0 means the default)", ErrBadOptions, opts.Timeout, opts.ExpectTimeout)
	}
	if s := opts.Shard; s != (Shard{}) && (s.Index < 1 || s.Index > s.Count) {
		// Shard{0, N}, a CI matrix's 0-based index, ran no file, and the slice N was in no shard.
		return nil, nil, fmt.Errorf("%w: Shard %d/%d: want 1 ≤ Index ≤ Count (the zero Shard runs every file)", ErrBadOptions, s.Index, s.Count)
	}
	all, files, err := findAllFiles(&opts)
	if err != nil {
		return nil, nil, err
	}
	only, usesExpect := scanFiles(files)
	if opts.Shard.Count > 1 && !only {
		// A .only in another shard's file leaves this shard's files out, as it does in one
		// unsharded run: merged shards count what that run counts.
		only, _ = scanFiles(all)
	}
	if usesExpect {
		// Compiling the library is the largest part of a cold start; files load it on first
		// use, so start it now when a file looks as if it will, to overlap with bundling.
		expect.Precompile()
	}
	return &runner{opts: opts, onlyRun: only, liveOut: liveWriter{w: opts.Live}, red: red, filesID: filesID(all, opts.Shard)}, files, nil
}

// list prints the tests a run would execute, one per line as "path › full name", then a count.
// A file that cannot load is a failed file of the summary: its tests are not in the list.
func (r *runner) list(ctx context.Context, files []testFile) (report.Summary, error) {
	var sum report.Summary
	w := r.opts.ListOut
	if w == nil {
		w = io.Discard
	}
	tests, nfiles := 0, 0
	listed, fails := r.listAll(ctx, files)
	for i, tf := range files {
		if fails[i] != "" {
			fmt.Fprintf(w, "%s: cannot load: %s\n", tf.display, r.red.String(fails[i]))
			sum.Files.Failed++
			continue
		}
		n := 0
		for _, l := range listed[i] {
			if !l.Skipped {
				fmt.Fprintln(w, tf.display+wsrun.Sep+l.FullName)
				n++
			}
		}
		if n > 0 {
			nfiles++
		}
		tests += n
	}
	if tests == 0 && !r.opts.PassWithNoTests && sum.Files.Failed == 0 {
		return sum, r.noTests()
	}
	fmt.Fprintf(w, "\n%s in %s\n", report.Plural(tests, "test"), report.Plural(nfiles, "file"))
	if sum.Files.Failed > 0 {
		fmt.Fprintf(w, "%s could not load\n", report.Plural(sum.Files.Failed, "file"))
	}
	return sum, nil
}

func (r *runner) listFile(ctx context.Context, tf testFile) ([]Listed, string) {
	if tf.problem != "" {
		return nil, tf.problem
	}
	f := &fileRun{r: r, file: tf, ctx: ctx}
	f.console = &f.orphan
	if err := f.setup(); err != nil {
		return nil, err.Error()
	}
	defer f.loop.CloseAll()
	if fail := f.load(); fail != nil {
		return nil, fail.Message
	}
	if !f.selectTests() {
		return nil, ""
	}
	var listed []Listed
	for _, t := range f.reg.Root.Tests() {
		if t.Selected {
			listed = append(listed, Listed{File: tf.display, FullName: t.FullName(), Skipped: !f.runnable(t)})
		}
	}
	return listed, ""
}
