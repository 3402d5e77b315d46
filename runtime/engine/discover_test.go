package engine

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestShardsAreDisjointCompleteAndStable(t *testing.T) {
	var files []testFile
	for i := range 23 {
		files = append(files, testFile{display: fmt.Sprintf("t%02d.test.js", i)})
	}
	for _, n := range []int{1, 2, 3, 5, 23, 40} {
		seen := map[string]int{}
		for i := 1; i <= n; i++ {
			part := shard(files, Shard{Index: i, Count: n})
			if again := shard(files, Shard{Index: i, Count: n}); !reflect.DeepEqual(part, again) {
				t.Fatalf("shard %d/%d differs between calls", i, n)
			}
			if len(part) > (len(files)+n-1)/n {
				t.Errorf("shard %d/%d has %d files, more than its share", i, n, len(part))
			}
			for _, f := range part {
				seen[f.display]++
			}
		}
		for _, f := range files {
			if seen[f.display] != 1 {
				t.Errorf("with %d shards, %s is in %d shards, want exactly 1", n, f.display, seen[f.display])
			}
		}
	}
}

func TestDiscoverFindsTestFilesAndSkipsNodeModulesAndDotDirs(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{
		"a.test.js", "b.spec.ts", "sub/c.test.mjs", "sub/d.spec.cts.txt", "helper.js",
		"node_modules/pkg/x.test.js", ".hidden/y.test.js", "sub/e.test.mts", "f.test.cjs",
	} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, err := discover(dir, []string{"."})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range files {
		got = append(got, f.display)
	}
	want := []string{"a.test.js", "b.spec.ts", "f.test.cjs", "sub/c.test.mjs", "sub/e.test.mts"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("discover = %v, want %v", got, want)
	}
	// A file named explicitly runs whatever its name.
	files, err = discover(dir, []string{"helper.js", "a.test.js", "a.test.js"})
	if err != nil || len(files) != 2 {
		t.Errorf("explicit files: %v, %v", files, err)
	}
}
