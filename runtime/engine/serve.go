package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/wsrun/wsrun/runtime/report"
)

// ServeOptions configures Serve.
type ServeOptions struct {
	// File is the script whose top level starts ws.serve() servers.
	File string
	// Cwd, Env, Insecure and Modules are as in Options.
	Cwd      string
	Env      map[string]string
	Insecure bool
	Modules  map[string]Module
	// Out receives each server's URL, the script's console output, errors from its handlers
	// and, with Verbose, every frame.
	Out     io.Writer
	Verbose bool
	// Redact and NoRedact are as in Options: they apply to what Out receives.
	Redact   []string
	NoRedact bool
}

// ErrNoServer is returned by Serve when the script started no server, or all of them closed.
var ErrNoServer = errors.New("no server is running: the script's top level must call ws.serve()")

// Serve runs the top level of a script and keeps the servers it starts running until ctx
// ends; then it closes every connection with 1001 and returns nil. Tests the file declares
// are not run. An exception in a handler is printed and the servers go on.
func Serve(ctx context.Context, o ServeOptions) error {
	out := o.Out
	if out == nil {
		out = io.Discard
	}
	opts := Options{Paths: []string{o.File}, Cwd: o.Cwd, Env: o.Env, Insecure: o.Insecure, Modules: o.Modules, Parallel: 1,
		Redact: o.Redact, NoRedact: o.NoRedact}
	if o.Verbose {
		opts.Live = out
	}
	r, files, err := prepare(opts)
	if err != nil {
		return err
	}
	r.serving = true
	// prepare would search a directory for test files, which may find none, or many.
	path := o.File
	if !filepath.IsAbs(path) {
		path = filepath.Join(r.opts.Cwd, path)
	}
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return fmt.Errorf("%s is a directory: wsrun serve runs one script file", shownPath(o.File))
	}
	if files[0].problem != "" { // unreadable, or a FIFO that loading would block on
		return errors.New(files[0].problem)
	}
	f := &fileRun{r: r, file: files[0], ctx: ctx, consoleOut: out}
	f.console = &f.orphan
	if err := f.setup(); err != nil {
		return err
	}
	defer f.loop.CloseAll()
	defer f.ws.Shutdown()
	f.trans.onListen = func(url string) { fmt.Fprintf(out, "listening on %s\n", url) }
	if fail := f.load(); fail != nil {
		if err := f.ws.ListenFailure(); err != nil {
			return err // the mock cannot run, whatever else its script did about it
		}
		return fmt.Errorf("%s: %s%s", f.file.display, r.red.String(fail.Message), at(fail))
	}
	for {
		err := f.loop.Run(ctx, nil)
		switch {
		case ctx.Err() != nil:
			return nil
		case err == nil:
			return ErrNoServer
		}
		fail := f.failureOf(err)
		fmt.Fprintf(out, "error: %s%s\n", strings.ReplaceAll(r.red.String(fail.Message), "\n", "\n  "), at(&fail))
	}
}

// at is the line that says where a failure happened, as in a test's report: "\n  at
// file:line:col", or "" when it has no location.
func at(fail *report.Failure) string {
	if fail.Location == nil {
		return ""
	}
	return fmt.Sprintf("\n  at %s:%d:%d", fail.Location.File, fail.Location.Line, fail.Location.Column)
}
