package engine

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// testFileRE is what a test file in a searched directory is called.
var testFileRE = regexp.MustCompile(`\.(test|spec)\.(js|mjs|cjs|ts|mts)$`)

// testFile is a file to run: its absolute path and the path shown to the user.
type testFile struct {
	abs, display string
}

// discover expands paths into test files, sorted by path, each once. A file named explicitly
// runs whatever its name; a directory is searched recursively, skipping node_modules and
// dot-directories.
func discover(cwd string, paths []string) ([]testFile, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	seen := map[string]bool{}
	var files []testFile
	add := func(abs string) {
		if !seen[abs] {
			seen[abs] = true
			files = append(files, testFile{abs: abs, display: displayPath(cwd, abs)})
		}
	}
	for _, p := range paths {
		abs := p
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(cwd, p)
		}
		info, err := os.Stat(abs)
		if err != nil {
			return nil, fmt.Errorf("%s: no such file or directory", p)
		}
		if !info.IsDir() {
			add(abs)
			continue
		}
		err = filepath.WalkDir(abs, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				name := d.Name()
				if path != abs && (name == "node_modules" || strings.HasPrefix(name, ".")) {
					return filepath.SkipDir
				}
				return nil
			}
			if testFileRE.MatchString(d.Name()) {
				add(path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("search %s: %w", p, err)
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].display < files[j].display })
	return files, nil
}

// displayPath is abs relative to cwd when it lies inside it, with forward slashes.
func displayPath(cwd, abs string) string {
	if rel, err := filepath.Rel(cwd, abs); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(abs)
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
