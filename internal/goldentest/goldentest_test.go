package goldentest

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const importPath = "github.com/wsrun/wsrun/internal/goldentest"

// TestEveryTestPackageImportsIt keeps `go test ./... -update` working: a test package of the
// module that does not import goldentest has a test binary without -update, which fails.
func TestEveryTestPackageImportsIt(t *testing.T) {
	root := filepath.Join("..", "..")
	dirs := map[string]bool{} // directory with tests → one of them imports goldentest
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if path != root && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || isModule(path)) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		dir := filepath.Dir(path)
		dirs[dir] = dirs[dir] || importsIt(t, path)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < 2 {
		t.Fatalf("found test packages in %v only; is the module root %s?", dirs, root)
	}
	self := filepath.Join(root, "internal", "goldentest")
	for dir, ok := range dirs {
		if !ok && dir != self {
			t.Errorf("%s has tests but does not import %s: go test ./... -update would fail there; add an update_test.go with a blank import", dir, importPath)
		}
	}
}

// isModule reports whether dir holds a nested module, which ./... leaves out.
func isModule(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "go.mod"))
	return err == nil
}

// importsIt reports whether the test file imports goldentest in a file every platform builds.
func importsIt(t *testing.T, path string) bool {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly|parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range f.Comments {
		if g.Pos() < f.Package && strings.Contains(g.Text(), "go:build") {
			return false
		}
	}
	for _, imp := range f.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); p == importPath {
			return true
		}
	}
	return false
}
