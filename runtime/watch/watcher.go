package watch

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Debounce is how long a burst of file events must have been quiet before Watcher reports
// it: long enough to see an editor's save (write a temp file, rename it over the old one)
// as one change, short enough to feel immediate.
const Debounce = 150 * time.Millisecond

// Watcher reports changed files under the directories it watches, in debounced batches.
// fsnotify watches one directory at a time, so Watcher adds the subdirectories of a tree,
// and those created later, itself.
type Watcher struct {
	fsw     *fsnotify.Watcher
	changes chan []string
	errs    chan error
	done    chan struct{}
	wg      sync.WaitGroup

	mu    sync.Mutex
	dirs  map[string]bool // watched directories
	trees []string        // roots whose new subdirectories are watched too
}

// New starts a Watcher that watches nothing yet.
func New() (*Watcher, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &Watcher{fsw: fsw, changes: make(chan []string), errs: make(chan error, 1),
		done: make(chan struct{}), dirs: map[string]bool{}}
	w.wg.Go(w.loop)
	return w, nil
}

// Changes delivers the absolute paths that changed (written, created, removed, renamed),
// sorted, once no event came for Debounce. Events that arrive while nobody receives are
// gathered into the next batch.
func (w *Watcher) Changes() <-chan []string { return w.changes }

// Errors delivers what the system reports about watching (an event queue that overflowed).
func (w *Watcher) Errors() <-chan error { return w.errs }

// Skip says whether a directory is left out of a watched tree: node_modules and
// dot-directories, as test discovery skips them.
func Skip(name string) bool { return name == "node_modules" || strings.HasPrefix(name, ".") }

// AddTree watches root and its subdirectories, except those Skip leaves out, now and as they
// are created. It may be called from any goroutine.
func (w *Watcher) AddTree(root string) error {
	w.mu.Lock()
	if !slices.Contains(w.trees, root) {
		w.trees = append(w.trees, root)
	}
	w.mu.Unlock()
	return w.addTree(root)
}

func (w *Watcher) addTree(root string) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == root {
				return err
			}
			return nil // unreadable below the root: not watched, the rest is
		}
		if !d.IsDir() {
			return nil
		}
		if path != root && Skip(d.Name()) {
			return filepath.SkipDir
		}
		return w.AddDir(path)
	})
}

// AddDir watches the files directly in dir. It may be called from any goroutine.
func (w *Watcher) AddDir(dir string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.dirs[dir] {
		return nil
	}
	if err := w.fsw.Add(dir); err != nil {
		return err
	}
	w.dirs[dir] = true
	return nil
}

// Close stops watching; Changes is not closed.
func (w *Watcher) Close() error {
	close(w.done)
	err := w.fsw.Close()
	w.wg.Wait()
	return err
}

// loop gathers events into a batch and hands it over Debounce after the last one.
func (w *Watcher) loop() {
	pending := map[string]bool{}
	quiet := time.NewTimer(time.Hour)
	quiet.Stop()
	ready := false
	for {
		var out chan []string
		var batch []string
		if ready && len(pending) > 0 {
			out, batch = w.changes, sortedKeys(pending)
		}
		select {
		case <-w.done:
			quiet.Stop()
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			pending[ev.Name] = true
			switch {
			case ev.Has(fsnotify.Create):
				for _, f := range w.created(ev.Name) {
					pending[f] = true
				}
			case ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename):
				w.gone(ev.Name)
			}
			ready = false
			quiet.Reset(Debounce)
		case <-quiet.C:
			ready = true
		case out <- batch:
			pending, ready = map[string]bool{}, false
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			select {
			case w.errs <- err:
			default: // one unread error says enough
			}
		}
	}
}

// created watches a directory created inside a watched tree, with what it already holds
// (a directory moved in, or made with files before the watch was added), and returns the
// files found in it: their own events came before their directory was watched, or never.
func (w *Watcher) created(path string) []string {
	info, err := os.Stat(path)
	if err != nil || !info.IsDir() || Skip(filepath.Base(path)) {
		return nil
	}
	w.mu.Lock()
	inTree := slices.ContainsFunc(w.trees, func(root string) bool { return within(root, path) })
	w.mu.Unlock()
	if !inTree {
		return nil
	}
	if err := w.addTree(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		select {
		case w.errs <- err:
		default:
		}
	}
	var files []string
	_ = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return nil
		case d.IsDir() && p != path && Skip(d.Name()):
			return filepath.SkipDir
		case len(files) == maxFound:
			return filepath.SkipAll
		case !d.IsDir():
			files = append(files, p)
		}
		return nil
	})
	return files
}

// maxFound bounds the files a created directory adds to a batch of changes: a tree unpacked
// at once must not make one batch as big as itself.
const maxFound = 1000

// gone forgets a watched directory that was removed or renamed, which the system stops
// watching, so that one made again under its name is watched again.
func (w *Watcher) gone(path string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.dirs[path] {
		delete(w.dirs, path)
		_ = w.fsw.Remove(path) // already gone on most systems
	}
}

// within says whether path is root or below it.
func within(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
