package engine_test

import (
	"os"
	"testing"

	"github.com/wsrun/wsrun/transport/transporttest"
)

// TestMain fails the package when goroutines outlive the runs: every socket, server, timer
// and VM a run starts must be gone shortly after it ends.
func TestMain(m *testing.M) {
	os.Exit(transporttest.RunCheckingGoroutines(m, nil))
}
