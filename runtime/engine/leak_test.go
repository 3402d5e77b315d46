package engine_test

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestMain fails the package when goroutines outlive the runs: every socket, server, timer
// and VM a run starts must be gone shortly after it ends.
func TestMain(m *testing.M) {
	before := runtime.NumGoroutine()
	code := m.Run()
	if code == 0 {
		if leaked := waitForGoroutines(before, 5*time.Second); leaked != "" {
			fmt.Fprintf(os.Stderr, "goroutines leaked after the tests:\n%s\n", leaked)
			code = 1
		}
	}
	os.Exit(code)
}

func waitForGoroutines(n int, within time.Duration) string {
	deadline := time.Now().Add(within)
	for {
		if runtime.NumGoroutine() <= n {
			return ""
		}
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			stacks := string(buf[:runtime.Stack(buf, true)])
			var keep []string
			for _, g := range strings.Split(stacks, "\n\n") {
				if !strings.Contains(g, "testing.(*M).Run") && !strings.Contains(g, "TestMain") {
					keep = append(keep, g)
				}
			}
			return strings.Join(keep, "\n\n")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
