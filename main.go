// Command wsrun runs JavaScript and TypeScript test scripts against WebSocket servers.
// This file is the only place that touches the process: arguments, standard streams,
// signals and the exit code. Everything else is in cli.go and runtime/engine.
package main

import (
	"context"
	"math"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/mattn/go-isatty"
)

// Start-up tuning: a run's first milliseconds allocate a few MB (compiling the expect library,
// esbuild's runtime, the first VM), and a collection in the middle of that cost about 3 ms of
// a 17 ms start, measured with hyperfine on one empty test. So the collector is off for the
// first startupPhase, with startupHeap as a safety net; then the usual GOGC=100 applies, and
// memory on long runs is as without it. A GOGC set in the environment is left alone.
const (
	startupHeap  = 32 << 20
	startupPhase = 30 * time.Millisecond
)

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(-1)
		debug.SetMemoryLimit(startupHeap)
		time.AfterFunc(startupPhase, func() {
			debug.SetGCPercent(100)
			debug.SetMemoryLimit(math.MaxInt64)
		})
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	term := isatty.IsTerminal(os.Stdout.Fd()) || isatty.IsCygwinTerminal(os.Stdout.Fd())
	code := run(ctx, os.Args[1:], streams{out: os.Stdout, err: os.Stderr, terminal: term, getenv: os.Getenv, environ: os.Environ()})
	stop()
	os.Exit(code)
}
