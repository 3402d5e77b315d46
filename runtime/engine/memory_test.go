package engine_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/wsrun/wsrun/runtime/engine"
)

// A test that grows the heap past the limit is stopped, through engine.Run as an embedder
// calls it: the test fails with the limit in its message, the rest of its file is not run,
// and the run goes on. The limit sits well above what loading the file takes: with a limit the
// heap is always past, the watchdog's first sample could land while the file still loaded,
// under load, and fail the load instead of the test.
func TestMaxMemoryStopsTheRunningTest(t *testing.T) {
	dir := t.TempDir()
	src := `
test('grows', async () => {
  const keep = [];
  for (let i = 0; i < 2000; i++) {
    keep.push(new Array(1 << 16).fill(i)); // about 1 MiB each
    await new Promise((r) => setTimeout(r, 1));
  }
});
test('next', () => {});
`
	if err := os.WriteFile(filepath.Join(dir, "grow.test.js"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	limit := int64(ms.HeapAlloc>>20+128) << 20 // whole MiB, as a user gives it
	sum, out, err := run(t, engine.Options{Cwd: dir, MaxMemory: limit}, false)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Tests.Failed != 1 || sum.Tests.Skipped != 1 || sum.Interrupted {
		t.Errorf("summary %+v, want 1 failed, 1 skipped, not interrupted:\n%s", sum.Tests, out)
	}
	mib := limit >> 20
	for _, want := range []string{
		"✗ grows",
		fmt.Sprintf("test used more than %d MiB and was stopped", mib),
		fmt.Sprintf("--max-memory %dMiB", 2*mib),
		fmt.Sprintf("○ next (not run: an earlier test used more than %d MiB (--max-memory), which this file may still hold)", mib),
	} {
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
