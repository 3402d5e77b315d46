package watch

import (
	"os"
	"testing"

	"github.com/wsrun/wsrun/transport/transporttest"
)

// TestMain fails the package when a Watcher's goroutines outlive Close.
func TestMain(m *testing.M) {
	os.Exit(transporttest.RunCheckingGoroutines(m, nil))
}
