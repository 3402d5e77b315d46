package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The keys of wsrun --watch (SPEC 11) acting on the watcher, as a terminal would send them:
// f re-runs only the failed test, p and t filter, a bad pattern keeps the filter and says
// that the watcher still waits, Enter re-runs, a clears the filters, q exits 0.
func TestWatchKeys(t *testing.T) {
	dir := t.TempDir()
	saveFile(t, filepath.Join(dir, "a.test.js"), "import { test, expect } from 'wsrun';\n"+
		"test('a one', () => {});\ntest('a two', () => expect(1).toBe(2));\n")
	saveFile(t, filepath.Join(dir, "b.test.js"), "import { test } from 'wsrun';\ntest('b one', () => {});\n")
	t.Chdir(dir)
	inR, inW := io.Pipe()
	var out, errOut syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(context.Background(), []string{"--watch", "--color", "never"}, streams{
			out: &out, err: &errOut, getenv: func(string) string { return "" }, environ: os.Environ(),
			in: inR, keyboard: func() (func(), error) { return func() {}, nil },
		})
	}()
	t.Cleanup(func() { _ = inW.Close() })
	// waitFor waits for the n-th "Watching for changes" and returns the output since the last.
	seen := 0
	waitFor := func(n int) string {
		t.Helper()
		deadline := time.Now().Add(watchWait)
		for strings.Count(out.String(), waiting) < n {
			if time.Now().After(deadline) {
				t.Fatalf("no %d× %q within %s:\n%s\nstderr: %s", n, waiting, watchWait, out.String(), errOut.String())
			}
			time.Sleep(10 * time.Millisecond)
		}
		s := out.String()
		part := s[seen:]
		seen = len(s)
		return part
	}
	press := func(keys string) {
		t.Helper()
		if _, err := io.WriteString(inW, keys); err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		keys string
		want []string
		not  []string
	}{
		{"", []string{"run 1 · first run · 2 files", "✗ a two", "✓ b one", "Keys: a all, f failed"}, nil},
		{"f", []string{"run 2 · f: the failed tests · 1 file", "✗ a two"}, []string{"✓ a one", "b.test.js"}},
		{"pb\\.\r", []string{"run 3 · p: files matching b\\. · 1 file", "✓ b one", "(only files /b\\./)"}, []string{"a.test.js"}},
		{"t[(\r", []string{"(only files /b\\./)"}, []string{"run 4"}},
		{"tone\r", []string{"run 4 · t: tests matching one · 1 file", "(only files /b\\./, tests /one/)"}, nil},
		{"\r", []string{"run 5 · Enter: the last run again · 1 file", "✓ b one"}, nil},
		{"a", []string{"run 6 · a: every file, filters cleared · 2 files", "✗ a two", "✓ b one"}, []string{"(only"}},
	}
	for i, st := range steps {
		press(st.keys)
		got := waitFor(i + 1)
		for _, w := range st.want {
			if !strings.Contains(got, w) {
				t.Errorf("after %q: no %q in:\n%s", st.keys, w, got)
			}
		}
		for _, w := range st.not {
			if strings.Contains(got, w) {
				t.Errorf("after %q: %q in:\n%s", st.keys, w, got)
			}
		}
	}
	if e := errOut.String(); !strings.Contains(e, `the pattern "[(" is not a valid regular expression`) {
		t.Errorf("stderr does not name the bad pattern: %q", e)
	}
	press("q")
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("q: exit %d, want %d", code, exitOK)
		}
	case <-time.After(watchWait):
		t.Fatal("q did not end wsrun --watch")
	}
}
