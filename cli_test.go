package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cli runs the whole CLI in-process, in testdata/cli, and returns exit code, stdout, stderr.
func cli(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	t.Chdir(filepath.Join("testdata", "cli"))
	code := run(context.Background(), args, streams{
		out: &out, err: &errOut, getenv: func(string) string { return "" },
		environ: []string{"PATH=/usr/bin"},
	})
	return code, out.String(), errOut.String()
}

func TestExitCodes(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
		in   string // expected in stdout+stderr
	}{
		{"all pass", []string{"names.test.js"}, 0, "Tests: 3 passed, 0 failed, 1 skipped"},
		{"a failure", []string{"failing.test.js"}, 1, "Tests: 0 passed, 3 failed, 0 skipped"},
		{"unknown flag", []string{"--nope"}, 2, "unknown flag: --nope"},
		{"bad timeout", []string{"-t", "soon"}, 2, "invalid argument"},
		{"bad shard", []string{"--shard", "3/2"}, 2, "--shard"},
		{"bad grep", []string{"-g", "("}, 2, "not a valid regular expression"},
		{"missing path", []string{"nope.test.js"}, 2, "nope.test.js: no such file or directory"},
		{"grep selects nothing", []string{"-g", "nothing matches this", "names.test.js"}, 2, `no test matches -g "nothing matches this" (4 tests in 1 file)`},
		{"pass with no tests", []string{"--pass-with-no-tests", "-g", "nothing matches this", "names.test.js"}, 0, ""},
		{"unknown reporter", []string{"-r", "xml", "names.test.js"}, 2, "unknown reporter"},
		{"two reporters on stdout", []string{"-r", "pretty", "-r", "pretty", "names.test.js"}, 2, "only one reporter may write to stdout"},
		{"bad -e", []string{"-e", "NOEQUALS", "names.test.js"}, 2, "want KEY=VALUE"},
		{"bad color", []string{"--color", "sometimes", "names.test.js"}, 2, "--color"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := cli(t, c.args...)
			if code != c.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, c.code, out, errOut)
			}
			if !strings.Contains(out+errOut, c.in) {
				t.Errorf("output lacks %q\nstdout:\n%s\nstderr:\n%s", c.in, out, errOut)
			}
		})
	}
}

// TestNoTestFoundEscapesThePath: "no test found" shows the paths it names with their control
// bytes escaped, as every other message that names a path does.
func TestNoTestFoundEscapesThePath(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "empty\x1b]0;title\x07")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := cli(t, dir)
	if code != 2 || !strings.Contains(errOut, `no test found in `) || !strings.Contains(errOut, `empty\x1b]0;title\x07`) {
		t.Errorf("exit %d, stderr:\n%q", code, errOut)
	}
	if strings.ContainsAny(errOut, "\x1b\x07") {
		t.Errorf("a raw control byte in stderr:\n%q", errOut)
	}
}

func TestGrepAndInvert(t *testing.T) {
	_, out, _ := cli(t, "-g", "login", "--grep-invert", "bad", "names.test.js")
	if !strings.Contains(out, "✓ login › accepts a good password") || strings.Contains(out, "bad password") || strings.Contains(out, "logout") {
		t.Errorf("grep selected the wrong tests:\n%s", out)
	}
	if !strings.Contains(out, "Tests: 1 passed, 0 failed, 0 skipped") {
		t.Errorf("deselected tests must not be counted:\n%s", out)
	}
}

func TestList(t *testing.T) {
	code, out, _ := cli(t, "--list", "-g", "log", "names.test.js")
	want := "names.test.js › login › accepts a good password\nnames.test.js › login › rejects a bad password\nnames.test.js › logout › clears the session\n\n3 tests in 1 file\n"
	if code != 0 || out != want {
		t.Errorf("exit %d, output:\n%s\nwant:\n%s", code, out, want)
	}
}

// A file that cannot load makes --list exit 1: its tests are missing from the list.
func TestListWithAFileThatCannotLoad(t *testing.T) {
	broken := filepath.Join(t.TempDir(), "broken.test.js")
	if err := os.WriteFile(broken, []byte("test('x', () => {\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := cli(t, "--list", "-g", "log", "names.test.js", broken)
	if code != 1 || !strings.Contains(out, "broken.test.js: cannot load: SyntaxError") ||
		!strings.HasSuffix(out, "\n3 tests in 1 file\n1 file could not load\n") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
}

func TestBail(t *testing.T) {
	code, out, _ := cli(t, "--bail", "2", "failing.test.js")
	if code != 1 || !strings.Contains(out, "Tests: 0 passed, 2 failed, 1 skipped") ||
		!strings.Contains(out, "three (not run: --bail stopped the run after 2 failures)") {
		t.Errorf("exit %d; want the run to stop after 2 failures and the third test shown as not run:\n%s", code, out)
	}
}

func TestRetriesMarkFlaky(t *testing.T) {
	code, out, _ := cli(t, "--retries", "2", "flaky.test.js")
	if code != 0 || !strings.Contains(out, "Tests: 2 passed, 0 failed, 0 skipped, 2 flaky") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

func TestOnlyInAnotherFileLeavesThisOneOut(t *testing.T) {
	code, out, _ := cli(t, "only.test.js", "names.test.js")
	if code != 0 || strings.Contains(out, "names.test.js") || !strings.Contains(out, "Tests: 1 passed, 0 failed, 1 skipped") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

// TestOnlyFailsInCI: with CI set, a .only fails its file (as in Vitest by default), since a
// .only committed by mistake left out every other file and the run passed without them;
// -e CI= allows it again. The focused test still runs.
func TestOnlyFailsInCI(t *testing.T) {
	t.Run("CI set", func(t *testing.T) {
		code, out, _ := cli(t, "-e", "CI=true", "only.test.js", "failing.test.js")
		if code != exitFailed || !strings.Contains(out, "test.only or describe.only while CI is set") ||
			!strings.Contains(out, "✓ the only one") || strings.Contains(out, "failing.test.js") {
			t.Errorf("exit %d:\n%s", code, out)
		}
	})
	t.Run("describe.only", func(t *testing.T) {
		// The error points at the describe that carries the .only, not at a test inside it.
		file := filepath.Join(t.TempDir(), "focus.test.js")
		src := "test('other', () => {});\ndescribe.only('focused', () => {\n  test('inside', () => {});\n});\n"
		if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		code, out, _ := cli(t, "-e", "CI=true", file)
		if code != exitFailed || !strings.Contains(out, "> 2 | describe.only('focused', () => {") || !strings.Contains(out, "focus.test.js:2:") {
			t.Errorf("exit %d:\n%s", code, out)
		}
	})
	t.Run("CI cleared", func(t *testing.T) {
		code, out, _ := cli(t, "-e", "CI=true", "-e", "CI=", "only.test.js", "names.test.js")
		if code != exitOK || strings.Contains(out, "while CI is set") {
			t.Errorf("exit %d:\n%s", code, out)
		}
	})
}

func TestEnvLayers(t *testing.T) {
	code, out, errOut := cli(t, "--env-file", "test.env", "-e", "OVERRIDDEN=from -e", "env.test.js")
	if code != 0 {
		t.Errorf("exit %d:\n%s%s", code, out, errOut)
	}
}

func TestReporterToFileKeepsPrettyOnStdout(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "pretty.txt")
	code, out, _ := cli(t, "-r", "pretty="+path, "names.test.js")
	written, err := os.ReadFile(path)
	if code != 0 || err != nil {
		t.Fatalf("exit %d, %v", code, err)
	}
	if !strings.Contains(string(written), "Tests: 3 passed") || !strings.Contains(out, "Tests: 3 passed") {
		t.Errorf("file:\n%s\nstdout:\n%s", written, out)
	}
	if strings.Contains(string(written), "\x1b[") {
		t.Error("a report file must not contain color codes")
	}
}

func TestVeryVerbosePrintsFramesLive(t *testing.T) {
	code, out, _ := cli(t, "-vv", "ws-frames.test.js")
	for _, want := range []string{"→ echo  {\"hello\":\"world\"}", "← echo  {\"hello\":\"world\"}", "<binary 2 bytes: dead>", "× echo  1000"} {
		if !strings.Contains(out, want) {
			t.Errorf("-vv output lacks %q (exit %d):\n%s", want, code, out)
		}
	}
}

func TestTraceDir(t *testing.T) {
	dir := t.TempDir()
	code, out, _ := cli(t, "--trace-dir", dir, "ws-frames.test.js")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if len(files) != 1 || filepath.Base(files[0]) != "ws-frames.test.js__exchanges_frames-6965bb53.jsonl" {
		t.Fatalf("trace files: %v", files)
	}
	data, _ := os.ReadFile(files[0])
	var dirs []string
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var entry struct{ Dir, Conn, Data, Type string }
		if err := json.Unmarshal([]byte(line), &entry); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		if entry.Conn == "echo" {
			dirs = append(dirs, entry.Dir)
		}
	}
	if got := strings.Join(dirs, ","); got != "open,sent,received,sent,received,close" {
		t.Errorf("client frames in trace: %s\n%s", got, data)
	}
}

func TestVersion(t *testing.T) {
	for _, arg := range []string{"version", "--version"} {
		t.Run(arg, func(t *testing.T) {
			code, out, _ := cli(t, arg)
			if code != 0 || !strings.HasPrefix(out, "wsrun ") || !strings.Contains(out, "goja ") || !strings.Contains(out, "esbuild ") {
				t.Errorf("exit %d:\n%s", code, out)
			}
		})
	}
}

// TestUpdateSnapshotsFlag: with CI in the environment wsrun was started with, a missing
// snapshot fails; -u and --update-snapshots write it.
func TestUpdateSnapshotsFlag(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "snapshots", "typed.test.ts"))
	if err != nil {
		t.Fatal(err)
	}
	for _, flag := range []string{"-u", "--update-snapshots"} {
		t.Run(flag, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "typed.test.ts"), src, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Chdir(dir)
			wsrun := func(args ...string) (int, string) {
				var out bytes.Buffer
				code := run(context.Background(), append([]string{"--color", "never"}, args...), streams{
					out: &out, err: &out, getenv: func(string) string { return "" }, environ: []string{"CI=true"},
				})
				return code, out.String()
			}
			if code, out := wsrun("typed.test.ts"); code != 1 || !strings.Contains(out, "New snapshot was not written") {
				t.Fatalf("without %s: exit %d, want 1 and a missing snapshot:\n%s", flag, code, out)
			}
			if code, out := wsrun(flag, "typed.test.ts"); code != 0 || !strings.Contains(out, "› 1 snapshot written") {
				t.Fatalf("with %s: exit %d, want 0 and a snapshot written:\n%s", flag, code, out)
			}
			if _, err := os.Stat(filepath.Join(dir, "__snapshots__", "typed.test.ts.snap")); err != nil {
				t.Error(err)
			}
		})
	}
}
