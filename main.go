// Command wsrun runs JavaScript and TypeScript test scripts against WebSocket servers.
// This file is the only place that touches the process: arguments, standard streams,
// signals and the exit code. The rest of this package (cli.go's run, the init and serve
// subcommands, reporters) gets them injected as streams, so tests run the whole CLI in-process.
package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/wsrun/wsrun/runtime/engine"
	"github.com/wsrun/wsrun/runtime/safefile"
)

func main() {
	// net/http's client writes to the standard logger what a misbehaving server sent ("Unsolicited
	// response received on idle HTTP channel starting with …", its bytes: a token, say), past
	// redaction and into the run's output. Nothing of wsrun's own uses that logger.
	log.SetOutput(io.Discard)
	if restore := tuneStartupGC(os.Getenv); restore != nil {
		time.AfterFunc(startupPhase, restore)
	}
	serving := len(os.Args) > 1 && (os.Args[1] == "serve" || os.Args[1] == "record")
	ctx, stop := interruptible(serving, serving || watching(os.Args[1:]))
	defer stop()
	term := isatty.IsTerminal(os.Stdout.Fd()) || isatty.IsCygwinTerminal(os.Stdout.Fd())
	s := streams{out: os.Stdout, err: os.Stderr, terminal: term, getenv: os.Getenv, environ: os.Environ(), in: os.Stdin}
	if fd := os.Stdin.Fd(); isatty.IsTerminal(fd) {
		s.keyboard = func() (func(), error) { return keyboard.open(int(fd)) }
	}
	code := run(ctx, os.Args[1:], s)
	stop()
	keyboard.close()
	os.Exit(code)
}

// signalEcho is how soon after the first signal another one counts as the same interrupt
// delivered twice: run through npm (npm run, npx, the @wsrun/cli command), a Ctrl-C reaches
// wsrun from the terminal and again forwarded by the node process above it, milliseconds apart.
const signalEcho = 250 * time.Millisecond

// watching says whether the command line asks for --watch, whose first interrupt is the usual
// way to stop and is not announced as a run's is.
func watching(args []string) bool {
	var f flags
	fs := newFlagSet(&f)
	fs.SetOutput(io.Discard)
	_ = fs.Parse(args) // a bad command line is run's to report; -vw and --watch=1 count
	return f.watch
}

// keyboard is stdin's terminal while --watch reads keys from it. It is restored when watch
// mode ends and before an immediate exit, so the shell gets its echo back.
var keyboard terminal

type terminal struct {
	mu      sync.Mutex
	restore func() error
}

func (t *terminal) open(fd int) (func(), error) {
	restore, err := cbreak(fd)
	if err != nil {
		return nil, err
	}
	t.mu.Lock()
	t.restore = restore
	t.mu.Unlock()
	return t.close, nil
}

func (t *terminal) close() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.restore != nil {
		_ = t.restore()
		t.restore = nil
	}
}

// interruptible returns a context that the first SIGINT or SIGTERM cancels: the running tests
// stop and their afterEach/afterAll hooks get engine.HookGrace before the reports are written.
// A second signal exits at once, for a hook that will not end. Under wsrun serve (serving), a
// signal is the usual way to stop, which has no hooks to wait for, and under --watch it is
// the usual way to stop too: with quiet, it is not announced. wsrun record is serving as well:
// its second signal removes the temporary file of a test file half written.
func interruptible(serving, quiet bool) (context.Context, func()) {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		if _, ok := <-sigs; !ok {
			return
		}
		first := time.Now()
		if !quiet {
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
			fmt.Fprintf(os.Stderr, "wsrun %s: interrupted again; exiting at once\n", os.Args[1])
		} else {
			fmt.Fprintln(os.Stderr, "wsrun: interrupted again; exiting at once (report files are not written)")
		}
		safefile.RemoveTemps()
		keyboard.close()
		os.Exit(exitInterrupted)
	}()
	return ctx, func() { signal.Stop(sigs); cancel() }
}
