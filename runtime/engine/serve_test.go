package engine_test

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wsrun/wsrun/runtime/engine"
)

// lockedBuffer is written by Serve's goroutine and read by the test's.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// An unhandled rejection under wsrun serve is reported as a test would report it: what, and
// where in the script.
func TestServeReportsUnhandledRejectionWithLocation(t *testing.T) {
	var out lockedBuffer
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
