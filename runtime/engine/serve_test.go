package engine_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/wsrun/wsrun/internal/syncbuftest"
	"github.com/wsrun/wsrun/runtime/engine"
)

// An unhandled rejection under wsrun serve is reported as a test would report it: what, and
// where in the script.
func TestServeReportsUnhandledRejectionWithLocation(t *testing.T) {
	var out syncbuftest.Buffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- engine.Serve(ctx, engine.ServeOptions{File: "serve/unhandled.js", Cwd: testdata, Out: &out})
	}()
	want := []string{
		"error: Unhandled promise rejection (a promise failed and nothing awaited or caught it):",
		"Error: nobody caught me",
		"  at serve/unhandled.js:5:",
	}
	deadline := time.After(10 * time.Second)
	for !strings.Contains(out.String(), want[len(want)-1]) {
		select {
		case err := <-done:
			t.Fatalf("Serve returned %v before reporting the rejection:\n%s", err, out.String())
		case <-deadline:
			t.Fatalf("no location reported:\n%s", out.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Serve: %v", err)
	}
	for _, w := range want {
		if !strings.Contains(out.String(), w) {
			t.Errorf("output lacks %q:\n%s", w, out.String())
		}
	}
}

// Serve refuses a directory, and a file that cannot be read, with a message that says so,
// before loading anything (a directory used to panic, a FIFO to block for good).
func TestServeRefusesWhatIsNotAReadableFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.js"), 0o644); err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]string{
		"empty":   "empty is a directory: wsrun serve runs one script file",
		".":       ". is a directory: wsrun serve runs one script file",
		"fifo.js": "cannot read fifo.js: not a regular file (a FIFO)",
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		err := engine.Serve(ctx, engine.ServeOptions{File: file, Cwd: dir})
		cancel()
		if err == nil || err.Error() != want {
			t.Errorf("Serve(%s) = %v, want %q", file, err, want)
		}
	}
}
