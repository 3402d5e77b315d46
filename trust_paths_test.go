package main

// Behaviour tests of the path rules (docs/limits.md, "Paths, files and timeouts") through the
// real binary: timeouts, report and trace paths, discovery of files that cannot be read,
// control bytes in frames, and --bail. Each runs a hostile path or file next to
// testdata/trust/paths/control.test.js, whose pass must survive.

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

const pathsFixtures = "testdata/trust/paths"

// pathsRun runs wsrun in dir with a time limit and returns its exit code, stdout and stderr.
func pathsRun(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(binary(t), append([]string{"--color", "never"}, args...)...)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	timer := time.AfterFunc(60*time.Second, func() { _ = cmd.Process.Kill() })
	go func() { _ = cmd.Wait(); close(done) }()
	<-done
	if !timer.Stop() {
		t.Fatalf("wsrun %v hung; killed it:\n%s%s", args, out.String(), errb.String())
	}
	return cmd.ProcessState.ExitCode(), out.String(), errb.String()
}

// pathsControl copies the control file into dir.
func pathsControl(t *testing.T, dir string) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(pathsFixtures, "control.test.js"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "control.test.js"), src, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestPathsTimeoutsMustBePositive(t *testing.T) {
	for _, args := range [][]string{
		{"-t", "0"}, {"-t", "-5s"}, {"--timeout=0s"}, {"--expect-timeout", "0"}, {"--expect-timeout", "-1s"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, out, errOut := pathsRun(t, pathsFixtures, append(args, "control.test.js")...)
			flag := "--expect-timeout"
			if !strings.Contains(args[0], "expect") {
				flag = "-t/--timeout"
			}
			if code != 2 || !strings.Contains(errOut, flag) || !strings.Contains(errOut, "greater than 0") {
				t.Errorf("exit %d, stderr %q; want exit 2 naming %s", code, errOut, flag)
			}
			if strings.Contains(out, "control passes") {
				t.Errorf("the run started:\n%s", out)
			}
		})
	}
	// The control: a positive value runs.
	if code, out, errOut := pathsRun(t, pathsFixtures, "-t", "10s", "--expect-timeout", "1s", "control.test.js"); code != 0 {
		t.Errorf("exit %d:\n%s%s", code, out, errOut)
	}
}

// TestPathsReportsAreWrittenThrough writes reports to a device, a symlink to stdout, a symlink
// to a file elsewhere and a FIFO: each must still be what it was afterwards, and the report
// must have gone through it.
func TestPathsReportsAreWrittenThrough(t *testing.T) {
	dir := t.TempDir()
	pathsControl(t, dir)
	elsewhere := filepath.Join(t.TempDir(), "target.json")
	if err := os.WriteFile(elsewhere, []byte(strings.Repeat("old ", 5000)), 0o600); err != nil {
		t.Fatal(err)
	}
	pathsSymlink(t, elsewhere, filepath.Join(dir, "linked.json"))
	pathsSymlink(t, "/proc/self/fd/1", filepath.Join(dir, "stdout.xml"))
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.tap"), 0o600); err != nil {
		t.Fatal(err)
	}
	fromFIFO := make(chan string, 1)
	go func() {
		b, _ := os.ReadFile(filepath.Join(dir, "fifo.tap"))
		fromFIFO <- string(b)
	}()
	args := []string{"-r", "json=linked.json", "-r", "junit=stdout.xml", "-r", "tap=fifo.tap"}
	// Our own null device, never the machine's: an old wsrun replaced /dev/null with a file.
	haveNull := syscall.Mknod(filepath.Join(dir, "null"), syscall.S_IFCHR|0o666, 1<<8|3) == nil
	if haveNull {
		args = append(args, "-r", "dot=null")
	}
	code, out, errOut := pathsRun(t, dir, append(args, "control.test.js")...)
	if code != 0 {
		t.Fatalf("exit %d:\n%s%s", code, out, errOut)
	}
	if !strings.Contains(out, "<testsuites") || !strings.Contains(out, "Tests: 1 passed") {
		t.Errorf("stdout lacks the JUnit report written through /proc/self/fd/1 or the summary:\n%s", out)
	}
	rep := readJSONReport(t, elsewhere, out+errOut)
	if len(rep.Files) != 1 || rep.Files[0].Status != "passed" {
		t.Errorf("the symlink's target holds %+v", rep)
	}
	if info, _ := os.Stat(elsewhere); info.Mode().Perm() != 0o600 {
		t.Errorf("the target's mode became %v", info.Mode().Perm())
	}
	select {
	case s := <-fromFIFO:
		if !strings.Contains(s, "ok 1 - control.test.js › control passes") {
			t.Errorf("the FIFO carried %q", s)
		}
	case <-time.After(10 * time.Second):
		t.Error("nothing came through the FIFO")
	}
	kinds := map[string]fs.FileMode{"linked.json": fs.ModeSymlink, "stdout.xml": fs.ModeSymlink, "fifo.tap": fs.ModeNamedPipe}
	if haveNull {
		kinds["null"] = fs.ModeCharDevice
	} else {
		t.Log("mknod refused (not root?): the device case ran in runtime/safefile only")
	}
	for name, kind := range kinds {
		info, err := os.Lstat(filepath.Join(dir, name))
		if err != nil || info.Mode()&kind == 0 {
			t.Errorf("%s was replaced: %v %v", name, info.Mode(), err)
		}
	}
	pathsNoTemps(t, dir)
}

func TestPathsRefusedOutputPaths(t *testing.T) {
	dir := t.TempDir()
	pathsControl(t, dir)
	pathsSymlink(t, "control.test.js", filepath.Join(dir, "sneaky.json"))
	if err := os.Mkdir(filepath.Join(dir, "out"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "plain"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	before := pathsRead(t, filepath.Join(dir, "control.test.js"))
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-r", "json=control.test.js"}, "is the test file"},
		{[]string{"-r", "junit=sneaky.json"}, "is the test file"},
		{[]string{"-r", "junit=out"}, "out is a directory"},
		{[]string{"-r", "junit=new/"}, "new/ is a directory"},
		{[]string{"-r", "json=r.out", "-r", "html=./r.out"}, "-r html=./r.out: -r json=r.out writes to ./r.out too, and only one report would be kept"},
		{[]string{"-r", "=r.json"}, "-r =r.json: give the reporter's name before ="},
		{[]string{"--trace-dir", "plain"}, "--trace-dir plain: is not a directory"},
		{[]string{"--trace-dir", "plain/traces"}, "--trace-dir plain/traces: cannot create it"},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			code, out, errOut := pathsRun(t, dir, append(c.args, "control.test.js")...)
			if code != 2 || !strings.Contains(errOut, c.want) || strings.Contains(out, "control passes") {
				t.Errorf("exit %d, stderr %q; want exit 2 with %q before anything ran:\n%s", code, errOut, c.want, out)
			}
			if got := pathsRead(t, filepath.Join(dir, "control.test.js")); !bytes.Equal(got, before) {
				t.Fatalf("the test file was overwritten:\n%s", got)
			}
		})
	}
	pathsNoTemps(t, dir)
	// The control: a report beside the test file, and a trace directory to be made, are fine,
	// and so are two reports written through to one device.
	if code, out, errOut := pathsRun(t, dir, "-r", "json=report.json", "--trace-dir", "traces/new", "-r", "junit=/dev/null", "-r", "tap=/dev/null", "control.test.js"); code != 0 {
		t.Errorf("exit %d:\n%s%s", code, out, errOut)
	}
}

// TestPathsTraceNamesNeverCollide runs 15 tests whose names used to share trace files (13
// files for 15 tests): every test gets its own, and the names are the same in a second run.
func TestPathsTraceNamesNeverCollide(t *testing.T) {
	names := func() []string {
		dir := t.TempDir()
		code, out, errOut := pathsRun(t, pathsFixtures, "--trace-dir", dir, "traces.test.js", "control.test.js")
		if code != 0 {
			t.Fatalf("exit %d:\n%s%s", code, out, errOut)
		}
		files, _ := filepath.Glob(filepath.Join(dir, "*.jsonl"))
		var got []string
		for _, f := range files {
			if !strings.HasPrefix(filepath.Base(f), "traces.test.js__") {
				continue // the control's
			}
			got = append(got, filepath.Base(f))
			if len(filepath.Base(f)) > 200 {
				t.Errorf("trace name too long for some file systems: %s", filepath.Base(f))
			}
		}
		return got
	}
	first := names()
	if len(first) != 15 {
		t.Fatalf("%d trace files for 15 tests:\n%s", len(first), strings.Join(first, "\n"))
	}
	if second := names(); strings.Join(second, "\n") != strings.Join(first, "\n") {
		t.Errorf("trace names changed between runs:\n%s\nthen\n%s", strings.Join(first, "\n"), strings.Join(second, "\n"))
	}
	for _, want := range []string{"traces.test.js__a_b-", "traces.test.js__same_name-"} {
		found := false
		for _, n := range first {
			found = found || strings.HasPrefix(n, want)
		}
		if !found {
			t.Errorf("no trace named %s…: %v", want, first)
		}
	}
}

// TestPathsDiscoveryFailsOnlyTheUnreadable puts files that cannot be loaded next to the
// control file: each fails alone with its real cause, and the control still passes.
func TestPathsDiscoveryFailsOnlyTheUnreadable(t *testing.T) {
	dir := t.TempDir()
	pathsControl(t, dir)
	pathsSymlink(t, "loop.test.js", filepath.Join(dir, "loop.test.js"))
	bad := "bad\xffname.test.js"
	if err := os.WriteFile(filepath.Join(dir, bad), []byte("test('x', () => {})"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.test.js"), 0o600); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"loop.test.js":        "cannot read loop.test.js: too many levels of symbolic links",
		`bad\xffname.test.js`: `bad\xffname.test.js: file name is not valid UTF-8`,
		"fifo.test.js":        "cannot read fifo.test.js: not a regular file (a FIFO)",
	}
	args := []string{"-r", "json=report.json", "."}
	var cred *syscall.Credential
	if os.Getuid() != 0 {
		pathsLock(t, dir)
		want["locked"] = "cannot read the directory locked: permission denied"
		want["secret.test.js"] = "cannot read secret.test.js: permission denied"
	} else if c, ok := pathsNobody(t, dir); ok {
		cred = c
		pathsLock(t, dir)
		want["locked"] = "cannot read the directory locked: permission denied"
		want["secret.test.js"] = "cannot read secret.test.js: permission denied"
	} else {
		t.Log("running as root and cannot drop privileges here: the permission cases are not tested")
	}
	cmd := exec.Command(binary(t), append([]string{"--color", "never"}, args...)...)
	cmd.Dir = dir
	if cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	timer := time.AfterFunc(60*time.Second, func() { _ = cmd.Process.Kill() })
	err := cmd.Run()
	timer.Stop()
	if code := cmd.ProcessState.ExitCode(); code != 1 {
		t.Fatalf("exit %d (%v), want 1:\n%s", code, err, out.String())
	}
	if strings.Contains(out.String(), "SyntaxError") || strings.Contains(out.String(), "\xff") {
		t.Errorf("output has a SyntaxError or a raw bad byte:\n%s", out.String())
	}
	rep := readJSONReport(t, filepath.Join(dir, "report.json"), out.String())
	seen := map[string]bool{}
	for _, f := range rep.Files {
		seen[f.Path] = true
		if f.Path == "control.test.js" {
			if f.Status != "passed" {
				t.Errorf("the control file %s", f.Status)
			}
			continue
		}
		msg, ok := want[f.Path]
		if !ok {
			t.Errorf("unexpected file %s in the report", f.Path)
			continue
		}
		if f.Status != "failed" || len(f.Tests) != 1 || f.Tests[0].Name != f.Path || f.Tests[0].Error == nil ||
			!strings.Contains(f.Tests[0].Error.Message, msg) {
			t.Errorf("%s: %+v; want one failed test named after it with %q", f.Path, f, msg)
		}
	}
	for p := range want {
		if !seen[p] {
			t.Errorf("%s is missing from the report:\n%s", p, out.String())
		}
	}
	if !strings.Contains(out.String(), "Tests: 1 passed, "+strconv.Itoa(len(want))+" failed") {
		t.Errorf("summary:\n%s", out.String())
	}
}

// pathsLock adds a directory and a file that the run's user cannot read.
func pathsLock(t *testing.T, dir string) {
	t.Helper()
	locked := filepath.Join(dir, "locked")
	if err := os.Mkdir(locked, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(locked, "hidden.test.js"), []byte("test('x', () => {})"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "secret.test.js"), []byte("test('x', () => {})"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{locked, filepath.Join(dir, "secret.test.js")} {
		if err := os.Chmod(p, 0); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { _ = os.Chmod(locked, 0o755) })
}

// pathsNobody prepares a run as the user nobody, since root reads everything: the binary and
// dir must then be reachable by nobody, and dir writable for the report.
func pathsNobody(t *testing.T, dir string) (*syscall.Credential, bool) {
	t.Helper()
	u, err := user.Lookup("nobody")
	if err != nil {
		return nil, false
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	// Every directory above dir and the binary must be searchable by nobody.
	for _, p := range []string{dir, filepath.Dir(binary(t))} {
		for d := p; d != "/" && d != "."; d = filepath.Dir(d) {
			info, err := os.Stat(d)
			if err != nil {
				return nil, false
			}
			if info.Mode().Perm()&0o001 == 0 {
				if err := os.Chmod(d, info.Mode().Perm()|0o011); err != nil {
					return nil, false
				}
			}
		}
	}
	if err := os.Chown(dir, uid, gid); err != nil {
		return nil, false
	}
	if err := os.Chmod(binary(t), 0o755); err != nil {
		return nil, false
	}
	// Probe: can nobody run the binary at all here?
	probe := exec.Command(binary(t), "version")
	probe.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}}
	if err := probe.Run(); err != nil {
		return nil, false
	}
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, true
}

// TestPathsControlBytesAreEscaped fails a test on a line holding ESC and NUL bytes: the code
// frame shows them as \x1b and \x00, never raw.
func TestPathsControlBytesAreEscaped(t *testing.T) {
	dir := t.TempDir()
	pathsControl(t, dir)
	src := "test('frame', () => {\n  expect('\x1b[2J\x1b]0;pwned\x07').toBe(1); // \x00 \x1b[31m\n});\n"
	if err := os.WriteFile(filepath.Join(dir, "esc.test.js"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := pathsRun(t, dir, "-r", "pretty", "esc.test.js", "control.test.js")
	if code != 1 || !strings.Contains(out, "Tests: 1 passed, 1 failed") {
		t.Fatalf("exit %d:\n%s%s", code, out, errOut)
	}
	frame := `> 2 |   expect('\x1b[2J\x1b]0;pwned\x07').toBe(1); // \x00 \x1b[31m`
	if !strings.Contains(out, frame) {
		t.Errorf("the code frame lacks %q:\n%s", frame, out)
	}
	// The caret stays under the failing column (toBe's call), counted in escaped characters.
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		if strings.Contains(l, frame) && i+1 < len(lines) {
			if want := strings.Index(l, ".toBe(") + len(".toBe"); strings.Index(lines[i+1], "^") != want {
				t.Errorf("caret at %d, want %d:\n%s\n%s", strings.Index(lines[i+1], "^"), want, l, lines[i+1])
			}
		}
	}
	if i := strings.IndexAny(out, "\x1b\x00\x07"); i >= 0 {
		t.Errorf("raw control byte at %d in the output:\n%q", i, out)
	}
}

// TestPathsBailShowsUnrunFilesAsNotRun: after the first failure the other files never start;
// every reporter must show them as not run with the reason, never as an empty pass.
func TestPathsBailShowsUnrunFilesAsNotRun(t *testing.T) {
	dir := t.TempDir()
	pathsControl(t, dir)
	if err := os.WriteFile(filepath.Join(dir, "a-bail.test.js"), pathsRead(t, filepath.Join(pathsFixtures, "bail.test.js")), 0o644); err != nil {
		t.Fatal(err)
	}
	const reason = "not run: --bail stopped the run after 1 failure"
	reports := map[string]string{"dot": "dot.txt", "tap": "tap.txt", "junit": "junit.xml", "json": "report.json", "github": "github.txt"}
	args := []string{"--bail", "1", "-j", "1"}
	for name, file := range reports {
		args = append(args, "-r", name+"="+file)
	}
	code, out, errOut := pathsRun(t, dir, append(args, "a-bail.test.js", "control.test.js")...)
	if code != 1 {
		t.Fatalf("exit %d:\n%s%s", code, out, errOut)
	}
	for _, want := range []string{
		"SKIP  control.test.js", "○ control.test.js (" + reason + ")", "○ never runs (" + reason + ")",
		"Files: 0 passed, 1 failed, 1 skipped", "Tests: 0 passed, 1 failed, 2 skipped",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("pretty output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "PASS  control.test.js") {
		t.Errorf("the unrun file shows as passed:\n%s", out)
	}
	wants := map[string][]string{
		"dot":    {"○", "Files: 0 passed, 1 failed, 1 skipped"},
		"tap":    {"ok 3 - control.test.js # SKIP " + reason},
		"junit":  {`<skipped>` + reason + `</skipped>`},
		"github": {"SKIP  control.test.js", reason},
		"json":   {`"status": "skipped"`, `"reason": "` + reason + `"`},
	}
	for name, file := range reports {
		got := string(pathsRead(t, filepath.Join(dir, file)))
		for _, w := range wants[name] {
			if !strings.Contains(got, w) {
				t.Errorf("%s report lacks %q:\n%s", name, w, got)
			}
		}
	}
	rep := readJSONReport(t, filepath.Join(dir, "report.json"), out+errOut)
	for _, f := range rep.Files {
		if f.Path == "control.test.js" && (f.Status != "skipped" || len(f.Tests) != 1 || f.Tests[0].Reason != reason) {
			t.Errorf("control.test.js in the JSON report: %+v", f)
		}
	}
}

func pathsNoTemps(t *testing.T, dir string) {
	t.Helper()
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".tmp") {
			t.Errorf("temporary file left behind: %s", p)
		}
		return nil
	})
}

func pathsSymlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

func pathsRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A directory named on the command line through a symlink is searched: WalkDir does not follow
// a root that is a symlink, so `wsrun tests` with tests -> suites/ws found nothing (exit 2, "no
// test found"). Its files show under the link's path.
func TestPathsSymlinkedDirectoryIsSearched(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "suites")
	if err := os.Mkdir(real, 0o755); err != nil {
		t.Fatal(err)
	}
	pathsControl(t, real)
	pathsSymlink(t, "suites", filepath.Join(dir, "tests"))
	for _, arg := range []string{"tests", "tests/"} {
		code, out, errOut := pathsRun(t, dir, arg)
		if code != 0 || !strings.Contains(out, "PASS  tests/control.test.js") || !strings.Contains(out, "Tests: 1 passed") {
			t.Errorf("wsrun %s: exit %d, want 0 with tests/control.test.js passed:\n%s%s", arg, code, out, errOut)
		}
	}
}
