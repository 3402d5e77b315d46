package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wsrun/wsrun/jsapi/types"
	"github.com/wsrun/wsrun/runtime/engine"
)

func runInitIn(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := runInit(args, streams{out: &out, err: &errOut, getenv: func(string) string { return "" }})
	return code, out.String(), errOut.String()
}

// TestInitWritesARunnableProject writes the files, then runs the example through the engine.
func TestInitWritesARunnableProject(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "tests")
	code, out, errOut := runInitIn(t, dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, f := range initFiles {
		got, err := os.ReadFile(filepath.Join(dir, f.name))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != f.text {
			t.Errorf("%s differs from what init means to write", f.name)
		}
		if !strings.Contains(out, f.name) {
			t.Errorf("output does not name %s:\n%s", f.name, out)
		}
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "wsrun.d.ts")); string(got) != types.Declarations {
		t.Error("wsrun.d.ts is not the embedded declarations")
	}
	sum, err := engine.Run(context.Background(), engine.Options{Cwd: dir, Parallel: 1})
	if err != nil || !sum.OK() || sum.Tests.Passed != 1 {
		t.Errorf("the example does not pass: %v %+v", err, sum)
	}
}

// TestInitNeverOverwrites refuses when any file exists, names it, and writes nothing.
func TestInitNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	mine := filepath.Join(dir, "tsconfig.json")
	if err := os.WriteFile(mine, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runInitIn(t, dir)
	if code != exitFailed || !strings.Contains(errOut, mine) || !strings.Contains(errOut, "nothing was written") {
		t.Errorf("exit %d, stderr %q; want 1 naming %s", code, errOut, mine)
	}
	if got, _ := os.ReadFile(mine); string(got) != "{}" {
		t.Error("tsconfig.json was overwritten")
	}
	if _, err := os.Stat(filepath.Join(dir, "example.test.ts")); err == nil {
		t.Error("example.test.ts was written although init refused")
	}
}

func TestInitUsage(t *testing.T) {
	if code, _, _ := runInitIn(t, "a", "b"); code != exitUsage {
		t.Errorf("two directories: exit %d, want %d", code, exitUsage)
	}
	if code, _, _ := runInitIn(t, "--force"); code != exitUsage {
		t.Errorf("unknown flag: exit %d, want %d", code, exitUsage)
	}
	if code, out, _ := runInitIn(t, "--help"); code != exitOK || !strings.Contains(out, "wsrun init [dir]") {
		t.Errorf("--help: exit %d, %q", code, out)
	}
}
