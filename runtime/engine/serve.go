package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/wsrun/wsrun/jsapi/ws"
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
	// Restart, when set (wsrun serve --watch), restarts the servers at each receive, which
	// is why, printed on Out: every connection is closed with 1012 (service restart), so
	// browser clients reconnect; the
	// script is bundled and run again in a new VM, and each ws.serve() that asks for port 0
	// listens on the port the same call had before. While it is set, a script that fails to
	// load, or starts no server, is reported on Out and Serve waits for the next restart.
	Restart <-chan string
	// OnLoad, when set, is called on Serve's goroutine each time the script was bundled,
	// with the files it was built from, as report.FileResult.Inputs: what to watch.
	OnLoad func(inputs []string)
}

// ErrNoServer is returned by Serve when the script started no server, or all of them closed.
var ErrNoServer = errors.New("no server is running: the script's top level must call ws.serve()")

// errRestart ends a run of the script when ServeOptions.Restart receives: why.
type errRestart struct{ why string }

func (e errRestart) Error() string { return "restart: " + e.why }

// Serve runs the top level of a script and keeps the servers it starts running until ctx
// ends; then it closes every connection with 1001 and returns nil. Tests the file declares
// are not run. An exception in a handler is printed and the servers go on.
func Serve(ctx context.Context, o ServeOptions) error {
	if o.Out == nil {
		o.Out = io.Discard
	}
	opts := Options{Paths: []string{o.File}, Cwd: o.Cwd, Env: o.Env, Insecure: o.Insecure, Modules: o.Modules, Parallel: 1,
		Redact: o.Redact, NoRedact: o.NoRedact}
	if o.Verbose {
		opts.Live = o.Out
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
	var listened []ws.Listened
	for {
		var got []ws.Listened
		got, err = r.serveOnce(ctx, files[0], o, listened)
		listened = keepPorts(listened, got)
		var restart errRestart
		if !errors.As(err, &restart) {
			ws.CloseListeners(listened)
			return err
		}
		if len(got) == 0 { // no server was running (the script had failed): nothing was closed
			fmt.Fprintf(o.Out, "restarted (%s)\n", restart.why)
			continue
		}
		fmt.Fprintf(o.Out, "restarted (%s): every connection was closed with 1012\n", restart.why)
	}
}

// serveOnce runs the script in a VM of its own until ctx ends (nil) or o.Restart receives
// (an errRestart, with where its servers listened and their open sockets). It takes over the
// sockets in inherit that its script's top level asks for, and closes the others.
func (r *runner) serveOnce(ctx context.Context, tf testFile, o ServeOptions, inherit []ws.Listened) ([]ws.Listened, error) {
	f := &fileRun{r: r, file: tf, ctx: ctx, consoleOut: o.Out, inherit: inherit}
	f.console = &f.orphan
	if err := f.setup(); err != nil {
		ws.CloseListeners(inherit)
		return nil, err
	}
	defer f.loop.CloseAll()
	defer f.ws.Shutdown(1001, "server shutting down") // after a restart's Detach, nothing is left to close
	f.trans.onListen = func(url string) { fmt.Fprintf(o.Out, "listening on %s\n", url) }
	fail := f.load()
	f.ws.DropInherited()
	if o.OnLoad != nil {
		o.OnLoad(f.result.Inputs)
	}
	if fail != nil {
		err := f.ws.ListenFailure() // the mock cannot run, whatever else its script did about it
		if err == nil {
			err = fmt.Errorf("%s: %s%s", f.file.display, r.red.String(fail.Message), at(fail))
		}
		if o.Restart == nil {
			return nil, err
		}
		fmt.Fprintf(o.Out, "error: %s\n", indent(err.Error()))
	}
	run, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	if o.Restart != nil {
		go func() {
			select {
			case why := <-o.Restart:
				stop(errRestart{why})
			case <-run.Done():
			}
		}()
	}
	for {
		err := f.loop.Run(run, nil)
		switch {
		case ctx.Err() != nil:
			return nil, nil
		case errors.As(context.Cause(run), new(errRestart)):
			return f.ws.Detach(1012, "service restart"), context.Cause(run)
		case err == nil && o.Restart == nil:
			return nil, ErrNoServer
		case err == nil:
			fmt.Fprintln(o.Out, "no server is running; waiting for a change")
			<-run.Done()
			continue
		}
		fail := f.failureOf(err)
		fmt.Fprintf(o.Out, "error: %s%s\n", indent(r.red.String(fail.Message)), at(&fail))
	}
}

// keepPorts is where the next run of the script listens: where the last run did, and where
// it started fewer servers (a save that broke the script), the ports of the runs before. Only
// the last run's sockets are still open.
func keepPorts(old, last []ws.Listened) []ws.Listened {
	out := slices.Clone(last)
	for i, l := range old {
		if i >= len(out) {
			out = append(out, ws.Listened{Host: l.Host, Port: l.Port})
		} else if out[i].Port == 0 {
			out[i].Port = l.Port
		}
	}
	return out
}

func indent(s string) string { return strings.ReplaceAll(s, "\n", "\n  ") }

// at is the line that says where a failure happened, as in a test's report: "\n  at
// file:line:col", or "" when it has no location.
func at(fail *report.Failure) string {
	if fail.Location == nil {
		return ""
	}
	return fmt.Sprintf("\n  at %s:%d:%d", fail.Location.File, fail.Location.Line, fail.Location.Column)
}
