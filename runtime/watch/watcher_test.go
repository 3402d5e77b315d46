package watch

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// wait bounds how long a test waits for a batch; it never asserts how soon one comes.
const wait = 10 * time.Second

func next(t *testing.T, w *Watcher, want string) []string {
	t.Helper()
	deadline := time.After(wait)
	for {
		select {
		case batch := <-w.Changes():
			if slices.Contains(batch, want) {
				return batch
			}
		case err := <-w.Errors():
			t.Fatal(err)
		case <-deadline:
			t.Fatalf("no batch with %s within %s", want, wait)
		}
	}
}

func write(t *testing.T, path string) {
	t.Helper()
	if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A tree is watched with the directories made in it later, but not node_modules and
// dot-directories; writes close together come as one batch.
func TestWatcherTree(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"node_modules", ".git", "sub"} {
		if err := os.Mkdir(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	w := watchTree(t, root)
	for _, d := range []string{"node_modules", ".git"} {
		if w.dirs[filepath.Join(root, d)] {
			t.Errorf("%s is watched", d)
		}
	}
	a, b := filepath.Join(root, "sub", "a.js"), filepath.Join(root, "b.js")
	write(t, a)
	write(t, b)
	if batch := next(t, w, a); !slices.Contains(batch, b) {
		// Only when the machine stalled longer than Debounce between the two writes.
		next(t, w, b)
	}

	made := filepath.Join(root, "later", "deeper")
	if err := os.MkdirAll(made, 0o755); err != nil {
		t.Fatal(err)
	}
	next(t, w, filepath.Join(root, "later"))
	c := filepath.Join(made, "c.js")
	write(t, c)
	next(t, w, c)
}

// A directory moved into the tree with files in it reports those files: their own events
// happened before the directory was watched, so a missing import created that way re-runs
// what it fixes.
func TestWatcherDirectoryMovedInReportsItsFiles(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	w := watchTree(t, root)
	if err := os.MkdirAll(filepath.Join(outside, "lib", "deep"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(outside, "lib", "deep", "v.js"))
	if err := os.Rename(filepath.Join(outside, "lib"), filepath.Join(root, "lib")); err != nil {
		t.Fatal(err)
	}
	next(t, w, filepath.Join(root, "lib", "deep", "v.js"))
}

// watchTree is a Watcher of the tree at root, closed when the test ends.
func watchTree(t *testing.T, root string) *Watcher {
	t.Helper()
	w, err := New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	if err := w.AddTree(root); err != nil {
		t.Fatal(err)
	}
	return w
}
