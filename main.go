// Command wsrun runs JavaScript and TypeScript test scripts against WebSocket servers.
// This file is the only place that touches the process: arguments, standard streams,
// signals and the exit code. Everything else is in cli.go and runtime/engine.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/mattn/go-isatty"
)

func main() {
	if restore := tuneStartupGC(os.Getenv); restore != nil {
		time.AfterFunc(startupPhase, restore)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	term := isatty.IsTerminal(os.Stdout.Fd()) || isatty.IsCygwinTerminal(os.Stdout.Fd())
	code := run(ctx, os.Args[1:], streams{out: os.Stdout, err: os.Stderr, terminal: term, getenv: os.Getenv, environ: os.Environ()})
	stop()
	os.Exit(code)
}
