package engine

import (
	"context"
	"fmt"
	"io"
)

// list loads each file and prints the tests that a run would execute, one per line as
// "path › full name", then a count. Nothing runs but the files' top level.
func (r *runner) list(ctx context.Context, files []testFile) error {
	w := r.opts.ListOut
	if w == nil {
		w = io.Discard
	}
	tests, nfiles := 0, 0
	for _, tf := range files {
		names, fail := r.listFile(ctx, tf)
		if fail != "" {
			fmt.Fprintf(w, "%s: cannot load: %s\n", tf.display, fail)
			continue
		}
		if len(names) > 0 {
			nfiles++
		}
		for _, n := range names {
			fmt.Fprintf(w, "%s › %s\n", tf.display, n)
		}
		tests += len(names)
	}
	if tests == 0 && !r.opts.PassWithNoTests {
		return ErrNoTests
	}
	fmt.Fprintf(w, "\n%d tests in %d files\n", tests, nfiles)
	return nil
}

func (r *runner) listFile(ctx context.Context, tf testFile) ([]string, string) {
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
	var names []string
	for _, t := range f.reg.Root.Tests() {
		if f.runnable(t) {
			names = append(names, t.FullName())
		}
	}
	return names, ""
}
