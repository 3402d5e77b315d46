package engine_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wsrun/wsrun/runtime/engine"
)

// With a limit the heap is always past, the watchdog stops whatever test runs, through
// engine.Run as an embedder calls it: the test fails with the limit in its message, the rest
// of its file is not run, and the run goes on.
func TestMaxMemoryStopsTheRunningTest(t *testing.T) {
	dir := t.TempDir()
	src := `
test('waits', async () => { await new Promise((r) => setTimeout(r, 20000)); });
test('next', () => {});
`
	if err := os.WriteFile(filepath.Join(dir, "wait.test.js"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, out, err := run(t, engine.Options{Cwd: dir, MaxMemory: 1000}, false)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Tests.Failed != 1 || sum.Tests.Skipped != 1 || sum.Interrupted {
		t.Errorf("summary %+v, want 1 failed, 1 skipped, not interrupted", sum.Tests)
	}
	for _, want := range []string{"test used more than 1000 bytes and was stopped", "--max-memory 1MiB", "○ next (not run: an earlier test used more than 1000 bytes (--max-memory), which this file may still hold)"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestDefaultMaxMemory(t *testing.T) {
	if d := engine.DefaultMaxMemory(); d <= 0 || d > 4*engine.GiB {
		t.Fatalf("DefaultMaxMemory() = %d, want more than 0 and at most 4 GiB", d)
	}
}
