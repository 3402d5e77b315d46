// Command wsrun runs JavaScript and TypeScript test scripts against WebSocket servers.
// This file is the only place that touches the process: arguments, standard streams,
// signals and the exit code. The rest of this package (cli.go's run, the init and serve
// subcommands, reporters) gets them injected as streams, so tests run the whole CLI in-process.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/wsrun/wsrun/runtime/engine"
	"github.com/wsrun/wsrun/runtime/safefile"
)

func main() {
	if restore := tuneStartupGC(os.Getenv); restore != nil {
		time.AfterFunc(startupPhase, restore)
	}
	ctx, stop := interruptible(len(os.Args) > 1 && os.Args[1] == "serve")
	defer stop()
	term := isatty.IsTerminal(os.Stdout.Fd()) || isatty.IsCygwinTerminal(os.Stdout.Fd())
	code := run(ctx, os.Args[1:], streams{out: os.Stdout, err: os.Stderr, terminal: term, getenv: os.Getenv, environ: os.Environ()})
	stop()
	os.Exit(code)
}

// signalEcho is how soon after the first signal another one counts as the same interrupt
// delivered twice: run through npm (npm run, npx, the @wsrun/cli command), a Ctrl-C reaches
// wsrun from the terminal and again forwarded by the node process above it, milliseconds apart.
const signalEcho = 250 * time.Millisecond

// interruptible returns a context that the first SIGINT or SIGTERM cancels: the running tests
// stop and their afterEach/afterAll hooks get engine.HookGrace before the reports are written.
// A second signal exits at once, for a hook that will not end. Under wsrun serve (serving), a
// signal is the usual way to stop, which has no hooks to wait for: it is not announced.
func interruptible(serving bool) (context.Context, func()) {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		if _, ok := <-sigs; !ok {
			return
		}
		first := time.Now()
		if !serving {
			fmt.Fprintf(os.Stderr, "\nwsrun: interrupted; giving afterEach/afterAll hooks up to %s (interrupt again to exit at once)\n", engine.HookGrace)
		}
		cancel()
		for {
			if _, ok := <-sigs; !ok {
				return
			}
			if time.Since(first) >= signalEcho {
				break
			}
			// The first interrupt delivered again (see signalEcho), not a second one.
		}
		if serving {
			fmt.Fprintln(os.Stderr, "wsrun serve: interrupted again; exiting at once")
		} else {
			fmt.Fprintln(os.Stderr, "wsrun: interrupted again; exiting at once (report files are not written)")
		}
		safefile.RemoveTemps()
		os.Exit(exitInterrupted)
	}()
	return ctx, func() { signal.Stop(sigs); cancel() }
}
