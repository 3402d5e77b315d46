package engine

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
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

func TestMeaninglessOptionsAreBadOptions(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.test.js"), []byte("test('a', () => {})"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A shard out of range ran no file (the 0-based index of a CI matrix, Shard{0, 2}, or
	// Shard{3, 2}): with PassWithNoTests the run passed, and the slice no index named never ran.
	for _, o := range []Options{{Timeout: -time.Second}, {ExpectTimeout: -1},
		{Shard: Shard{Index: 0, Count: 2}}, {Shard: Shard{Index: 3, Count: 2}}, {Shard: Shard{Index: 1, Count: -1}},
		{Shard: Shard{Index: 2, Count: 0}}, {Shard: Shard{Index: 0, Count: 1}}} {
		o.Cwd = dir
		o.PassWithNoTests = true
		if _, err := Run(context.Background(), o); !errors.Is(err, ErrBadOptions) {
			t.Errorf("Run(%+v): %v, want ErrBadOptions", o, err)
		}
		if _, err := List(context.Background(), o); !errors.Is(err, ErrBadOptions) {
			t.Errorf("List(%+v): %v, want ErrBadOptions", o, err)
		}
	}
	for _, s := range []Shard{{}, {Index: 1, Count: 1}, {Index: 1, Count: 3}} {
		if sum, err := Run(context.Background(), Options{Cwd: dir, Shard: s}); err != nil || !sum.OK() {
			t.Errorf("Run with Shard %+v: %v %+v", s, err, sum)
		}
	}
	// Zero means the defaults.
	if sum, err := Run(context.Background(), Options{Cwd: dir}); err != nil || !sum.OK() {
		t.Errorf("Run with zero timeouts: %v %+v", err, sum)
	}
}

func TestTraceNamesAreUniqueAndStable(t *testing.T) {
	long := strings.Repeat("x", 150)
	var n, again traceNames
	seen := map[string]bool{}
	for _, name := range []string{"a b", "a/b", "a_b", long + "1", long + "2", "same", "same"} {
		got := n.claim("dir/f.test.js", name)
		if seen[got] {
			t.Errorf("%q got the name %s twice", name, got)
		}
		seen[got] = true
		if want := again.claim("dir/f.test.js", name); got != want {
			t.Errorf("%q: %s, then %s in another run", name, got, want)
		}
		if len(got) > 200 {
			t.Errorf("%q: name of %d bytes", name, len(got))
		}
	}
}
