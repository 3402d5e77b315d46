// Package goldentest compares test output with golden files, and owns the -update flag that
// rewrites them: `go test ./... -update` from the repository's root.
//
// go test hands a flag it does not know to the test binary of every package it runs, and a
// binary that does not define the flag fails. So every test package of the module imports
// this package, those without golden files for the flag alone (a file update_test.go with a
// blank import); TestEveryTestPackageImportsIt fails when a test package does not.
package goldentest

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files with the current output")

// Check compares got with the golden file at path. Under -update it writes got there instead,
// creating the file's directory, so the change shows up for review in git diff.
func Check(t testing.TB, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update creates it)", err)
	}
	if string(want) != got {
		t.Errorf("output differs from %s (go test -update rewrites it; review the diff):\n--- got ---\n%s\n--- want ---\n%s", path, got, want)
	}
}
