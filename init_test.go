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

// TestInitAddsTheNPMScript: with a package.json in dir, or in the current directory around
// dir, init adds a test:ws script that runs the tests and says how to install wsrun.
func TestInitAddsTheNPMScript(t *testing.T) {
	const pkg = "{\n  \"name\": \"app\",\n  \"scripts\": {\n    \"dev\": \"vite\"\n  }\n}\n"
	for _, c := range []struct{ name, pkgIn, arg, script string }{
		{"package.json in dir", "app", "app", "wsrun"},
		{"package.json in the current directory", ".", "tests/ws", "wsrun tests/ws"},
		// Unquoted, npm run test:ws would run wsrun on "my" and "tests".
		{"a directory with a space", ".", "my tests", `wsrun "my tests"`},
		{"a directory with a dollar", ".", "a$b", `wsrun 'a$b'`},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			pkgPath := filepath.Join(c.pkgIn, "package.json")
			if err := os.MkdirAll(c.pkgIn, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(pkgPath, []byte(pkg), 0o600); err != nil {
				t.Fatal(err)
			}
			code, out, errOut := runInitIn(t, c.arg)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			got, _ := os.ReadFile(pkgPath)
			want := strings.Replace(pkg, `"vite"`, `"vite",`+"\n    \"test:ws\": "+quote(c.script), 1)
			if string(got) != want {
				t.Errorf("package.json:\n%s\nwant:\n%s", got, want)
			}
			if info, _ := os.Stat(pkgPath); info.Mode().Perm() != 0o600 {
				t.Errorf("package.json's mode became %v", info.Mode().Perm())
			}
			for _, s := range []string{"npm install -D @wsrun/cli", "npm run test:ws", `"test:ws": ` + quote(c.script)} {
				if !strings.Contains(out, s) {
					t.Errorf("output lacks %q:\n%s", s, out)
				}
			}
		})
	}
}

// TestInitKnowsWsrunIsInstalled: in a project that has @wsrun/cli, init does not say to
// install it.
func TestInitKnowsWsrunIsInstalled(t *testing.T) {
	dir := t.TempDir()
	for path, text := range map[string]string{"package.json": "{}", "node_modules/@wsrun/cli/package.json": "{}"} {
		write(t, filepath.Join(dir, path), []byte(text), 0o644)
	}
	code, out, errOut := runInitIn(t, dir)
	if code != exitOK || strings.Contains(out, "npm install") || !strings.Contains(out, "npm run test:ws") {
		t.Errorf("exit %d: %s%s", code, out, errOut)
	}
}

func TestInitKeepsAnExistingScript(t *testing.T) {
	dir := t.TempDir()
	const pkg = `{"scripts": {"test:ws": "wsrun e2e/"}}`
	if err := os.WriteFile(filepath.Join(dir, "package.json"), []byte(pkg), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runInitIn(t, dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "package.json")); string(got) != pkg {
		t.Errorf("package.json changed:\n%s", got)
	}
	if !strings.Contains(out, `has a "test:ws" script already ("wsrun e2e/")`) || !strings.Contains(out, "npm install -D @wsrun/cli") {
		t.Errorf("output:\n%s", out)
	}
}

// TestInitRefusesABrokenPackageJSON says where package.json is broken and writes nothing.
func TestInitRefusesABrokenPackageJSON(t *testing.T) {
	dir := t.TempDir()
	const pkg = "{\n  \"name\": \"app\",\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "package.json"), []byte(pkg), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runInitIn(t, dir)
	want := filepath.Join(dir, "package.json") + " is not valid JSON at line 3, column 1"
	if code != exitFailed || !strings.Contains(errOut, want) || !strings.Contains(errOut, "nothing was written") {
		t.Errorf("exit %d, stderr %q; want 1 and %q", code, errOut, want)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("init wrote files although it refused: %v\n%s", entries, out)
	}
}
