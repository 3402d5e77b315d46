package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/pflag"
	"github.com/wsrun/wsrun/runtime/engine"
)

const serveUsage = `wsrun serve runs the ws.serve() servers a script starts, until interrupted: a scripted
mock backend to develop a browser client against.

Usage:
  wsrun serve [flags] file

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
	err = engine.Serve(ctx, engine.ServeOptions{
		File: fs.Arg(0), Env: env, Insecure: f.insecure, Out: s.out, Verbose: f.verbose > 0,
		Redact: f.redact, NoRedact: f.noRedact,
	})
	if err != nil { // engine.ErrNoServer among them: its message says what to do
		fmt.Fprintf(s.err, "wsrun serve: %v\n", err)
		return exitFailed
	}
	fmt.Fprintln(s.out, "stopped: every connection was closed with 1001")
	return exitOK
}
