package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/pflag"
	"github.com/wsrun/wsrun/runtime/engine"
	"github.com/wsrun/wsrun/runtime/watch"
)

const serveUsage = `wsrun serve runs the ws.serve() servers a script starts, until interrupted: a scripted
mock backend to develop a browser client against.

Usage:
  wsrun serve [flags] file

With --watch, a change to the script or a file it imports restarts the servers: open
connections are closed with 1012 (service restart) and the servers listen on the same ports.

Flags:
`

// runServe is `wsrun serve [flags] file`. Interrupting it is the normal way to stop, so that
// exits 0 after every connection was closed with 1001.
func runServe(ctx context.Context, args []string, s streams) int {
	var f flags
	fs := pflag.NewFlagSet("wsrun serve", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringArrayVarP(&f.envs, "env", "e", nil, "add `KEY=VALUE` to process.env (repeatable)")
	fs.StringVar(&f.envFile, "env-file", "", "read KEY=VALUE lines from `PATH` into process.env")
	fs.CountVarP(&f.verbose, "verbose", "v", "print every frame sent and received")
	fs.BoolVar(&f.insecure, "insecure", false, "skip TLS certificate checks")
	addRedactFlags(fs, &f)
	fs.BoolVarP(&f.watch, "watch", "w", false, "restart the servers when the script or a file it imports changes")
	fs.BoolVarP(&f.help, "help", "h", false, "show this help")
	if err := fs.Parse(args); err != nil {
		fmt.Fprintf(s.err, "wsrun serve: %v\n\n%s%s", err, serveUsage, fs.FlagUsages())
		return exitUsage
	}
	if f.help {
		fmt.Fprint(s.out, serveUsage+fs.FlagUsages())
		return exitOK
	}
	if fs.NArg() != 1 {
		fmt.Fprintf(s.err, "wsrun serve: want exactly one script, got %d\n\n%s%s", fs.NArg(), serveUsage, fs.FlagUsages())
		return exitUsage
	}
	env, err := f.environment(s.environ)
	if err == nil {
		err = f.checkRedact()
	}
	if err != nil {
		fmt.Fprintf(s.err, "wsrun serve: %v\n", err)
		return exitUsage
	}
	o := engine.ServeOptions{
		File: fs.Arg(0), Env: env, Insecure: f.insecure, Out: s.out, Verbose: f.verbose > 0,
		Redact: f.redact, NoRedact: f.noRedact,
	}
	if f.watch {
		stop, err := watchServed(ctx, &o)
		if err != nil {
			fmt.Fprintf(s.err, "wsrun serve: --watch: %v\n", err)
			return exitFailed
		}
		defer stop()
	}
	err = engine.Serve(ctx, o)
	if err != nil { // engine.ErrNoServer among them: its message says what to do
		fmt.Fprintf(s.err, "wsrun serve: %v\n", err)
		return exitFailed
	}
	fmt.Fprintln(s.out, "stopped: every connection was closed with 1001")
	return exitOK
}

// watchServed makes Serve restart when the script, or a file it imports, changes: it watches
// the script's directory and, once loaded, the directories of its inputs. stop ends it.
func watchServed(ctx context.Context, o *engine.ServeOptions) (stop func(), err error) {
	cwd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	abs := filepath.Join(cwd, o.File)
	if filepath.IsAbs(o.File) {
		abs = filepath.Clean(o.File)
	}
	fsw, err := watch.New()
	if err != nil {
		return nil, err
	}
	if err := fsw.AddDir(filepath.Dir(abs)); err != nil {
		fsw.Close()
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	restart := make(chan string)
	loaded := make(chan []string, 1)
	o.Restart = restart
	o.OnLoad = func(inputs []string) {
		select { // only the latest matters
		case <-loaded:
		default:
		}
		loaded <- inputs
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		var graph watch.Graph
		graph.Set(abs, nil, true)
		for {
			select {
			case <-ctx.Done():
				return
			case inputs := <-loaded:
				// Kept, not replaced: a script that failed to bundle lists only part of them.
				graph.Set(abs, inputs, true)
				for _, d := range graph.Dirs() {
					_ = fsw.AddDir(d) // a directory that is gone has nothing to restart for
				}
			case changed := <-fsw.Changes():
				var why []string
				for _, p := range changed {
					if len(graph.Affected([]string{p})) > 0 {
						why = append(why, shownFrom(cwd, p)+" changed")
					}
				}
				if len(why) == 0 {
					continue
				}
				select {
				case restart <- summarize(why):
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	return func() { cancel(); <-done; fsw.Close() }, nil
}
