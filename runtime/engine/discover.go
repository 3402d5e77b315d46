package engine

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"syscall"
	"unicode/utf8"

	"github.com/wsrun/wsrun/runtime/report"
)

// testFileRE is what a test file in a searched directory is called.
var testFileRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\.(test|spec)\.(js|mjs|cjs|ts|mts)$`) })

// testFile is a file to run: its absolute path and the path shown to the user. problem, when
// set, is why it cannot be loaded, found while searching (an unreadable file or directory, a
// symlink loop, a name that is not UTF-8): the file then fails with that message, and the
// rest of the run goes on.
type testFile struct {
	abs, display string
	problem      string
}

// discover expands paths into test files, sorted by path, each once. A file named explicitly
// runs whatever its name; a directory is searched recursively, skipping node_modules and
// dot-directories. Only a path that does not exist is an error; what cannot be read becomes
// a testFile with a problem.
func discover(cwd string, paths []string) ([]testFile, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	seen := map[string]bool{}
	var files []testFile
	add := func(abs, problem string) {
		if !seen[abs] {
			seen[abs] = true
			display := displayPath(cwd, abs)
			if problem == "" {
				problem = unreadable(abs, display)
			}
			files = append(files, testFile{abs: abs, display: display, problem: problem})
		}
	}
	for _, p := range paths {
		abs := p
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(cwd, p)
		}
		info, err := os.Stat(abs)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such file or directory", shownPath(p))
		}
		if err != nil || !info.IsDir() {
			add(abs, "")
			continue
		}
		// WalkDir does not follow a root that is a symlink: it would find nothing in it. The
		// directory the link points to is searched, its files shown under the link's path.
		root := abs
		if real, err := filepath.EvalSymlinks(abs); err == nil && real != abs {
			root = real
		}
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if rel, rerr := filepath.Rel(root, path); rerr == nil {
				path = filepath.Join(abs, rel)
			}
			if err != nil {
				// WalkDir could not read the directory path: it fails, the search goes on.
				add(path, fmt.Sprintf("cannot read the directory %s: %s", displayPath(cwd, path), cause(err)))
				if d != nil && d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				name := d.Name()
				if path != abs && (name == "node_modules" || strings.HasPrefix(name, ".")) {
					return filepath.SkipDir
				}
				return nil
			}
			if testFileRE().MatchString(d.Name()) {
				add(path, "")
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("search %s: %w", shownPath(p), err)
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].display < files[j].display })
	return files, nil
}

// Discover returns the absolute paths of the test files paths name, as Run finds them (see
// discover): a watcher uses it to see test files appear and go. cwd is where relative paths
// start; empty: the process's working directory.
func Discover(cwd string, paths []string) ([]string, error) {
	if cwd == "" {
		var err error
		if cwd, err = os.Getwd(); err != nil {
			return nil, err
		}
	}
	files, err := discover(cwd, paths)
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = f.abs
	}
	return out, err
}

// displayPath is how every report shows the file at abs (docs/cli.md): relative to cwd when it
// lies inside it, else absolute, however it was given; with forward slashes, and with control
// characters and bytes that are not UTF-8 escaped, so a file name cannot write to the terminal.
func displayPath(cwd, abs string) string {
	if rel, err := filepath.Rel(cwd, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return shownPath(filepath.ToSlash(rel))
	}
	return shownPath(filepath.ToSlash(abs))
}

// shownPath escapes what a path may hold that must not reach a terminal raw.
func shownPath(p string) string { return report.EscapeControls(p) }

// unreadable says why the test file at abs cannot be loaded, or "" when it can be read. It
// checks what esbuild would otherwise report as a SyntaxError: a name that is not UTF-8, a
// symlink loop, a path that is not a regular file, a file that cannot be opened. A FIFO is
// never opened, so a search cannot hang on one.
func unreadable(abs, display string) string {
	if !utf8.ValidString(abs) {
		return display + ": file name is not valid UTF-8; rename the file"
	}
	info, err := os.Stat(abs)
	if err != nil {
		return fmt.Sprintf("cannot read %s: %s", display, cause(err))
	}
	if !info.Mode().IsRegular() {
		return fmt.Sprintf("cannot read %s: not a regular file (%s)", display, kind(info.Mode()))
	}
	f, err := os.Open(abs)
	if err != nil {
		return fmt.Sprintf("cannot read %s: %s", display, cause(err))
	}
	f.Close()
	return ""
}

// cause is the system's reason in err, without the path that the message states already.
func cause(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if errors.Is(err, syscall.ELOOP) {
		return "too many levels of symbolic links (a symlink loop?)"
	}
	return err.Error()
}

func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return m.Type().String()
}

// shard keeps the files of slice s; the split is by position in the sorted list, so every file
// lands in exactly one slice and the slices differ in size by at most one.
func shard(files []testFile, s Shard) []testFile {
	if s.Count <= 1 {
		return files
	}
	var out []testFile
	for i, f := range files {
		if i%s.Count == s.Index-1 {
			out = append(out, f)
		}
	}
	return out
}
