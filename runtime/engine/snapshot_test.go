package engine_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wsrun/wsrun/runtime/engine"
	"github.com/wsrun/wsrun/runtime/report"
)

// snapDir copies fixtures from testdata/snapshots into a fresh directory, so that the
// runs write their .snap files there and not into the repository.
func snapDir(t *testing.T, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, n := range names {
		src, err := os.ReadFile(filepath.Join(testdata, "snapshots", n))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, n), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// snapRun runs file in dir with env as process.env; update is -u.
func snapRun(t *testing.T, dir, file string, update bool, env ...string) (report.Summary, string) {
	t.Helper()
	vars := map[string]string{}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		vars[k] = v
	}
	sum, out, err := run(t, engine.Options{Cwd: dir, Paths: []string{file}, Env: vars, UpdateSnapshots: update}, false)
	if err != nil {
		t.Fatal(err)
	}
	return sum, out
}

// snapFile returns the content of file's .snap file, "" when there is none.
func snapFile(t *testing.T, dir, file string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "__snapshots__", file+".snap"))
	if os.IsNotExist(err) {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// snapGolden compares got with testdata/snapshots/golden/name, or rewrites it with -update.
func snapGolden(t *testing.T, name, got string) {
	t.Helper()
	goldenAt(t, filepath.Join(testdata, "snapshots", "golden", name), got)
}

func wantSnapshots(t *testing.T, step string, sum report.Summary, want report.SnapshotCounts, ok bool, out string) {
	t.Helper()
	if sum.Snapshots != want || sum.OK() != ok {
		t.Fatalf("%s: snapshots %+v, ok %v; want %+v, ok %v\n%s", step, sum.Snapshots, sum.OK(), want, ok, out)
	}
}

// unchanged fails unless the .snap file still has the content and modification time it
// had when mark was taken: a run that changes nothing must not rewrite it.
type snapMark struct {
	content string
	mtime   time.Time
}

func mark(t *testing.T, dir, file string) snapMark {
	t.Helper()
	path := filepath.Join(dir, "__snapshots__", file+".snap")
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	return snapMark{snapFile(t, dir, file), old}
}

func (m snapMark) unchanged(t *testing.T, step, dir, file string) {
	t.Helper()
	info, err := os.Stat(filepath.Join(dir, "__snapshots__", file+".snap"))
	if err != nil {
		t.Fatal(err)
	}
	if got := snapFile(t, dir, file); got != m.content || !info.ModTime().Equal(m.mtime) {
		t.Errorf("%s: the .snap file was rewritten", step)
	}
}

// TestSnapshotLifecycle follows one file through the runs a user makes: the first writes
// the snapshots, the next passes, a changed value fails with a diff, -u updates it, a test
// that went away leaves an obsolete snapshot that only -u removes, and only a run of all
// the file's tests decides what is obsolete.
func TestSnapshotLifecycle(t *testing.T) {
	const file = "basic.test.js"
	dir := snapDir(t, file)

	sum, out := snapRun(t, dir, file, false, "EXTRA=extra value")
	wantSnapshots(t, "first run", sum, report.SnapshotCounts{Written: 17}, true, out)
	if !strings.Contains(out, "  › 17 snapshots written\n") || !strings.Contains(out, "Snapshots: 17 written\nFiles: 1 passed") {
		t.Errorf("first run: output does not say what was written:\n%s", out)
	}
	snapGolden(t, "basic.test.js.snap", snapFile(t, dir, file))

	m := mark(t, dir, file)
	sum, out = snapRun(t, dir, file, false, "EXTRA=extra value")
	wantSnapshots(t, "second run", sum, report.SnapshotCounts{}, true, out)
	if strings.Contains(out, "\n  › ") || strings.Contains(out, "Snapshots:") {
		t.Errorf("second run: nothing changed, yet the output says something did:\n%s", out)
	}
	m.unchanged(t, "second run", dir, file)

	sum, out = snapRun(t, dir, file, false, "EXTRA=extra value", "VERSION=2")
	wantSnapshots(t, "changed value", sum, report.SnapshotCounts{}, false, out)
	snapGolden(t, "mismatch.golden", out)
	m.unchanged(t, "changed value", dir, file)

	sum, out = snapRun(t, dir, file, true, "EXTRA=extra value", "VERSION=2")
	wantSnapshots(t, "-u", sum, report.SnapshotCounts{Updated: 1}, true, out)
	if got := snapFile(t, dir, file); !strings.Contains(got, `"version": "2"`) || strings.Contains(got, `"version": "1"`) {
		t.Errorf("-u did not rewrite the snapshot:\n%s", got)
	}

	m = mark(t, dir, file)
	sum, out = snapRun(t, dir, file, false, "VERSION=2", "CI=true")
	wantSnapshots(t, "obsolete", sum, report.SnapshotCounts{Obsolete: 1}, true, out)
	if !strings.Contains(out, "  › 1 snapshot obsolete: `extra 1` (run with -u to remove)\n") {
		t.Errorf("obsolete: not reported:\n%s", out)
	}
	m.unchanged(t, "obsolete", dir, file)

	grep := engine.Options{Cwd: dir, Paths: []string{file}, Env: map[string]string{"VERSION": "2"},
		UpdateSnapshots: true, Grep: regexp.MustCompile("messages")}
	sum, out, err := run(t, grep, false)
	if err != nil {
		t.Fatal(err)
	}
	wantSnapshots(t, "-u -g", sum, report.SnapshotCounts{}, true, out)
	m.unchanged(t, "-u -g", dir, file)

	sum, out = snapRun(t, dir, file, true, "VERSION=2")
	wantSnapshots(t, "obsolete, -u", sum, report.SnapshotCounts{Removed: 1}, true, out)
	if !strings.Contains(out, "  › 1 snapshot removed: `extra 1`\n") {
		t.Errorf("-u: removal not reported:\n%s", out)
	}
	if got := snapFile(t, dir, file); strings.Contains(got, "extra") {
		t.Errorf("-u did not remove the obsolete snapshot:\n%s", got)
	}
	if tmp, _ := filepath.Glob(filepath.Join(dir, "__snapshots__", ".*")); len(tmp) > 0 {
		t.Errorf("temporary files left behind: %v", tmp)
	}
}

// TestSnapshotCI: with CI set, a missing snapshot fails and nothing is written, unless -u
// is given; CI=false is not CI.
func TestSnapshotCI(t *testing.T) {
	const file = "typed.test.ts"
	cases := []struct {
		name   string
		env    string
		update bool
		ok     bool
	}{
		{"CI=true fails", "CI=true", false, false},
		{"CI=1 fails", "CI=1", false, false},
		{"CI=false writes", "CI=false", false, true},
		{"CI empty writes", "CI=", false, true},
		{"CI=true with -u writes", "CI=true", true, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := snapDir(t, file)
			sum, out := snapRun(t, dir, file, tc.update, tc.env)
			if sum.OK() != tc.ok {
				t.Fatalf("ok = %v, want %v:\n%s", sum.OK(), tc.ok, out)
			}
			got := snapFile(t, dir, file)
			if !tc.ok {
				if got != "" {
					t.Errorf("a snapshot was written in CI:\n%s", got)
				}
				if !strings.Contains(out, "New snapshot was not written: CI is set") || !strings.Contains(out, "Run wsrun with -u") {
					t.Errorf("the failure does not say to run with -u:\n%s", out)
				}
				return
			}
			want := "// Jest Snapshot v1, https://goo.gl/fbAQLP\n\nexports[`typed value 1`] = `\n{\n  \"to\": \"world\",\n  \"type\": \"greeting\",\n}\n`;\n"
			if got != want {
				t.Errorf("typed.test.ts.snap:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// TestSnapshotsOfFailedAndSkippedTestsStay: a test that failed or was skipped did not get
// to use its snapshots, so they are not obsolete, not even with -u.
func TestSnapshotsOfFailedAndSkippedTestsStay(t *testing.T) {
	const file = "keep.test.js"
	dir := snapDir(t, file)
	sum, out := snapRun(t, dir, file, false)
	wantSnapshots(t, "first run", sum, report.SnapshotCounts{Written: 3}, true, out)
	m := mark(t, dir, file)
	sum, out = snapRun(t, dir, file, true, "SKIP=1", "FAIL=1")
	wantSnapshots(t, "-u with a skip and a failure", sum, report.SnapshotCounts{}, false, out)
	m.unchanged(t, "-u with a skip and a failure", dir, file)
}

// TestSnapshotRetries: only the last attempt's snapshots count, numbered from 1.
func TestSnapshotRetries(t *testing.T) {
	const file = "retry.test.js"
	dir := snapDir(t, file)
	sum, out, err := run(t, engine.Options{Cwd: dir, Paths: []string{file}, Retries: 1}, false)
	if err != nil {
		t.Fatal(err)
	}
	wantSnapshots(t, "retried", sum, report.SnapshotCounts{Written: 2}, true, out)
	want := "// Jest Snapshot v1, https://goo.gl/fbAQLP\n\n" +
		"exports[`passes on the second attempt 1`] = `\"attempt 2\"`;\n\n" +
		"exports[`passes on the second attempt 2`] = `\"same every time\"`;\n"
	if got := snapFile(t, dir, file); got != want {
		t.Errorf("retry.test.js.snap:\n%s\nwant:\n%s", got, want)
	}
}

// TestSnapshotFileProblems: an unreadable .snap file fails the comparisons and says to
// run with -u, which rewrites it; a .snap file that cannot be written fails the file.
func TestSnapshotFileProblems(t *testing.T) {
	const file = "typed.test.ts"
	t.Run("unreadable", func(t *testing.T) {
		dir := snapDir(t, file)
		writeFile(t, filepath.Join(dir, "__snapshots__", file+".snap"), "exports[`typed value 1`] = `unterminated;\n")
		sum, out := snapRun(t, dir, file, false)
		if sum.OK() || !strings.Contains(out, "Matcher error: cannot read the snapshot file __snapshots__/typed.test.ts.snap: ") ||
			!strings.Contains(out, "(run with -u to rewrite it)") {
			t.Fatalf("want the test to fail saying the file cannot be read:\n%s", out)
		}
		sum, out = snapRun(t, dir, file, true)
		wantSnapshots(t, "-u", sum, report.SnapshotCounts{Written: 1}, true, out)
		if got := snapFile(t, dir, file); !strings.Contains(got, "exports[`typed value 1`] = `\n{") {
			t.Errorf("-u did not rewrite the file:\n%s", got)
		}
	})
	t.Run("not a string", func(t *testing.T) {
		dir := snapDir(t, file)
		writeFile(t, filepath.Join(dir, "__snapshots__", file+".snap"), "exports[`typed value 1`] = 42;\n")
		sum, out := snapRun(t, dir, file, false)
		if sum.OK() || !strings.Contains(out, "the snapshot \"typed value 1\" is not a string") {
			t.Fatalf("want the test to fail saying the entry is not a string:\n%s", out)
		}
	})
	t.Run("unwritable", func(t *testing.T) {
		dir := snapDir(t, file)
		writeFile(t, filepath.Join(dir, "__snapshots__"), "a file where the directory should be")
		sum, out := snapRun(t, dir, file, false)
		if sum.OK() || !strings.Contains(out, "write the snapshot file __snapshots__/typed.test.ts.snap: ") {
			t.Fatalf("want the file to fail saying the snapshot could not be written:\n%s", out)
		}
		// Nothing was written, so nothing says it was (it said "1 snapshot written").
		if sum.Snapshots != (report.SnapshotCounts{}) || strings.Contains(out, "written") {
			t.Errorf("snapshots %+v; the output claims a write that failed:\n%s", sum.Snapshots, out)
		}
	})
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSnapshotInterrupted: an interrupted run saves, whole, what the tests that ran wrote,
// and removes nothing, even with -u.
func TestSnapshotInterrupted(t *testing.T) {
	const file = "interrupt.test.js"
	dir := snapDir(t, file)
	stored := "// Jest Snapshot v1, https://goo.gl/fbAQLP\n\nexports[`never runs 1`] = `\"never compared\"`;\n"
	writeFile(t, filepath.Join(dir, "__snapshots__", file+".snap"), stored)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	time.AfterFunc(300*time.Millisecond, cancel)
	sum, err := engine.Run(ctx, engine.Options{Cwd: dir, Paths: []string{file}, UpdateSnapshots: true, Parallel: 1})
	if err != nil {
		t.Fatal(err)
	}
	if !sum.Interrupted || sum.Snapshots != (report.SnapshotCounts{Written: 1}) {
		t.Fatalf("summary %+v; want an interrupted run that wrote 1 snapshot", sum)
	}
	want := "// Jest Snapshot v1, https://goo.gl/fbAQLP\n\nexports[`never runs 1`] = `\"never compared\"`;\n\n" +
		"exports[`written before the interrupt 1`] = `\"kept\"`;\n"
	if got := snapFile(t, dir, file); got != want {
		t.Errorf("interrupt.test.js.snap:\n%s\nwant:\n%s", got, want)
	}
}

// TestSnapshotFileWithoutTestFile: a .snap file whose test file is gone is reported when the
// run searched its directory and ran everything it found, kept without -u and removed with
// it; a filtered run does not look.
func TestSnapshotFileWithoutTestFile(t *testing.T) {
	dir := snapDir(t, "keep.test.js")
	gone := []string{"__snapshots__/gone.test.js.snap", "sub/__snapshots__/old.test.ts.snap"}
	for _, g := range gone {
		path := filepath.Join(dir, g)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("// Jest Snapshot v1, https://goo.gl/fbAQLP\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	exists := func(g string) bool {
		_, err := os.Stat(filepath.Join(dir, g))
		return err == nil
	}
	runDir := func(what string, opts engine.Options) (report.Summary, string) {
		t.Helper()
		opts.Cwd = dir
		sum, out, err := run(t, opts, false)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		return sum, out
	}

	sum, out := runDir("plain run", engine.Options{Paths: []string{"."}})
	if got := sum.SnapshotFiles; !slices.Equal(got.Obsolete, gone) || len(got.Removed) != 0 {
		t.Errorf("plain run: SnapshotFiles = %+v, want %v obsolete", got, gone)
	}
	if !strings.Contains(out, " written, 2 files obsolete\n  › __snapshots__/gone.test.js.snap: its test file is gone (run with -u to remove)\n") {
		t.Errorf("plain run: output does not name the obsolete files:\n%s", out)
	}
	if !exists(gone[0]) || !exists(gone[1]) {
		t.Error("plain run: an obsolete snapshot file was removed without -u")
	}

	sum, _ = runDir("-u -g", engine.Options{Paths: []string{"."}, UpdateSnapshots: true, Grep: regexp.MustCompile("stable")})
	if sum.SnapshotFiles.Obsolete != nil || sum.SnapshotFiles.Removed != nil || !exists(gone[0]) || !exists(gone[1]) {
		t.Errorf("-u -g: a filtered run must not look for obsolete files: %+v", sum.SnapshotFiles)
	}

	sum, out = runDir("-u", engine.Options{Paths: []string{"."}, UpdateSnapshots: true})
	if got := sum.SnapshotFiles; !slices.Equal(got.Removed, gone) || len(got.Obsolete) != 0 {
		t.Errorf("-u: SnapshotFiles = %+v, want %v removed", got, gone)
	}
	if !strings.Contains(out, "2 files removed") || exists(gone[0]) || exists(gone[1]) || exists("sub/__snapshots__") {
		t.Errorf("-u: the files (and the emptied directory) are still there, or not reported:\n%s", out)
	}
	if !exists("__snapshots__/keep.test.js.snap") {
		t.Error("-u removed the snapshot file of a test file that exists")
	}
}

// TestSnapshotCarriageReturn: a CR in a key or a value survives the .snap file (JS reads a
// raw CR in a template literal as LF). Before: the test named with a CR found no snapshot
// on every run, wrote it anew and passed whatever its value; the value with a CR never
// matched what was written.
func TestSnapshotCarriageReturn(t *testing.T) {
	const file = "carriage-return.test.js"
	dir := snapDir(t, file)
	sum, out := snapRun(t, dir, file, false)
	wantSnapshots(t, "first run", sum, report.SnapshotCounts{Written: 2}, true, out)
	sum, out = snapRun(t, dir, file, false)
	wantSnapshots(t, "same values", sum, report.SnapshotCounts{}, true, out)
	if sum.Tests.Passed != 2 {
		t.Errorf("same values: %+v\n%s", sum.Tests, out)
	}
	sum, out = snapRun(t, dir, file, false, "V=2")
	wantSnapshots(t, "changed values", sum, report.SnapshotCounts{}, false, out)
	if sum.Tests.Failed != 2 {
		t.Errorf("changed values: %+v, want both failed\n%s", sum.Tests, out)
	}
}

// TestSnapshotFileOfAFileNotSearched: a .snap file whose test file exists but is not one the
// search finds (a scenario script run by naming it, wsrun smoke.js) is not obsolete, as in
// Jest, which removes only the .snap files of test files that are gone. Before: -u removed it,
// saying "its test file is gone", and the next run of smoke.js wrote a new snapshot and passed
// whatever the value.
func TestSnapshotFileOfAFileNotSearched(t *testing.T) {
	dir := snapDir(t, "keep.test.js")
	snap := filepath.Join(dir, "__snapshots__", "smoke.js.snap")
	writeFile(t, filepath.Join(dir, "smoke.js"), "export default function () { expect({ v: 1 }).toMatchSnapshot(); }\n")
	writeFile(t, snap, "// Jest Snapshot v1, https://goo.gl/fbAQLP\n\nexports[`smoke.js 1`] = `\n{\n  \"v\": 1,\n}\n`;\n")
	for _, update := range []bool{false, true} {
		sum, out, err := run(t, engine.Options{Cwd: dir, Paths: []string{"."}, UpdateSnapshots: update}, false)
		if err != nil {
			t.Fatal(err)
		}
		if got := sum.SnapshotFiles; got.Obsolete != nil || got.Removed != nil {
			t.Errorf("-u %v: SnapshotFiles = %+v; smoke.js exists", update, got)
		}
		if _, err := os.Stat(snap); err != nil {
			t.Fatalf("-u %v: %v\n%s", update, err, out)
		}
	}
}
