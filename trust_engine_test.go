package main

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/wsrun/wsrun/internal/syncbuftest"
)

// engineDir holds the fixtures of the engine's trust tests: what scripts throw, runaway and
// deeply recursive scripts, Go panics under a test (docs/limits.md, "Scripts").
var engineDir = filepath.Join("testdata", "trust", "engine")

// runEngineFixtures runs the binary on fixtures with a JSON and a JUnit report, and returns
// the output, the exit code and the parsed JSON report. Both reports must be whole documents.
func runEngineFixtures(t *testing.T, args ...string) (string, int, jsonReport) {
	t.Helper()
	cmd, reports := engineCommand(t, args...)
	out, _ := cmd.CombinedOutput()
	return string(out), cmd.ProcessState.ExitCode(), reports(string(out))
}

// engineCommand builds the command, and a function that reads its reports once it ended.
func engineCommand(t *testing.T, args ...string) (*exec.Cmd, func(out string) jsonReport) {
	t.Helper()
	dir := t.TempDir()
	jsonPath, junitPath := filepath.Join(dir, "report.json"), filepath.Join(dir, "junit.xml")
	cmd := exec.Command(binary(t), append([]string{"--color", "never", "-j", "1", "-r", "pretty", "-r", "json=" + jsonPath, "-r", "junit=" + junitPath}, args...)...)
	cmd.Dir = engineDir
	return cmd, func(out string) jsonReport {
		t.Helper()
		doc := readJSONReport(t, jsonPath, out)
		var suites struct {
			Suites []struct{ Name string } `xml:"testsuite"`
		}
		data, err := os.ReadFile(junitPath)
		if err != nil || xml.Unmarshal(data, &suites) != nil || len(suites.Suites) != len(doc.Files) {
			t.Fatalf("junit report incomplete (%v):\n%s", err, data)
		}
		return doc
	}
}

// wantStatus fails t when the named test of the named file did not end with want; out, the
// run's output, is shown with the failure.
func (r jsonReport) wantStatus(t *testing.T, out, file, name, want string) {
	t.Helper()
	if status, _ := r.test(t, file, name); status != want {
		t.Errorf("%s › %s: %s, want %s\n%s", file, name, status, want, out)
	}
}

// test returns the named test of the named file in a report, or fails.
func (r jsonReport) test(t *testing.T, file, name string) (status string, messages string) {
	t.Helper()
	for _, f := range r.Files {
		if f.Path != file {
			continue
		}
		for _, tr := range f.Tests {
			if tr.FullName == name {
				for _, e := range tr.Errors {
					messages += e.Message + "\n"
				}
				return tr.Status, messages
			}
		}
	}
	t.Fatalf("no test %q in %s", name, file)
	return "", ""
}

func controlPassed(t *testing.T, r jsonReport, out string) {
	t.Helper()
	r.wantStatus(t, out, "control.test.js", "control passes", "passed")
}

// TestHostileThrownValuesFailAlone: throwing or rejecting with a Proxy, a revoked Proxy, an
// Error whose message getter throws, an object whose toString throws, a Symbol, a cyclic or a
// null-prototype object, from a test, a promise, done(err), an asymmetric matcher, a timer, a
// ws handler, a hook or the top level, fails that test with a description; the run and its
// reports go on (before: a Go panic, exit 2, no reports).
func TestHostileThrownValuesFailAlone(t *testing.T) {
	out, code, r := runEngineFixtures(t, "control.test.js", "hostile-values.test.js", "hostile-hooks.test.js", "hostile-toplevel.test.js")
	if code != 1 || strings.Contains(out, "goroutine ") || strings.Contains(out, "panic:") {
		t.Fatalf("exit %d, want 1 without a Go panic:\n%s", code, out)
	}
	controlPassed(t, r, out)
	places := []string{"sync throw", "async rejection", "unhandled rejection", "done(err)", "asymmetricMatch", "timer callback", "ws message handler"}
	want := map[string]string{
		"proxy": "thrown: [object Proxy]", "revoked": "thrown: [object Proxy]",
		"getter":   `Error: <message unavailable: getter threw [object Error] "no message">`,
		"toString": `thrown: {"toString": [Function toString], "valueOf": [Function valueOf]}`,
		"symbol":   "thrown: Symbol(x)", "cyclic": `thrown: {"a": 1, "self": [Circular]}`, "nullproto": "thrown: {}",
	}
	for kind, msg := range want {
		for _, place := range places {
			status, got := r.test(t, "hostile-values.test.js", kind+" › "+place)
			if status != "failed" || !strings.Contains(got, msg) {
				t.Errorf("%s › %s: %s %q, want failed with %q", kind, place, status, got, msg)
			}
		}
		// console.log and expect's formatting of the value do not break the run either.
		r.wantStatus(t, out, "hostile-values.test.js", kind+" › console.log and expect formatting", "failed")
	}
	for _, c := range [][3]string{
		{"hostile-hooks.test.js", "beforeAll › a", "beforeAll hook failed (in describe \"beforeAll\"):\nthrown: [object Proxy]"},
		{"hostile-hooks.test.js", "afterEach › b", "afterEach hook failed:\nthrown: [object Proxy]"},
		{"hostile-toplevel.test.js", "hostile-toplevel.test.js", "thrown: [object Proxy]"},
	} {
		if status, got := r.test(t, c[0], c[1]); status != "failed" || !strings.Contains(got, c[2]) {
			t.Errorf("%s: %s %q, want failed with %q", c[1], status, got, c[2])
		}
	}
	if !strings.Contains(out, "log   <Revoked Proxy>") {
		t.Errorf("console.log of a revoked Proxy should print <Revoked Proxy>:\n%s", out)
	}
}

// TestRunawayTestFailsAlone: a test whose script is still running at its timeout is
// interrupted and fails alone; its afterEach hook runs, and the next test runs in the same VM
// with none of the runaway's promise jobs or timers (before: the rest of the file was skipped).
func TestRunawayTestFailsAlone(t *testing.T) {
	out, code, r := runEngineFixtures(t, "control.test.js", "runaway.test.js")
	if code != 1 {
		t.Fatalf("exit %d, want 1:\n%s", code, out)
	}
	controlPassed(t, r, out)
	status, msg := r.test(t, "runaway.test.js", "runaway")
	if status != "failed" || !strings.Contains(msg, "test timed out after 300ms while its script was still running (an endless loop?); the script was interrupted") {
		t.Errorf("runaway: %s %q", status, msg)
	}
	if status, msg := r.test(t, "runaway.test.js", "the next test runs in the same VM, with nothing of the runaway left"); status != "passed" {
		t.Errorf("the test after the runaway: %s %q\n%s", status, msg, out)
	}
}

// TestDeepRecursionFailsAtOnce: endless recursion fails with RangeError instead of growing
// until the test's timeout; the rest of the file runs, recursion 5,000 deep included.
func TestDeepRecursionFailsAtOnce(t *testing.T) {
	out, code, r := runEngineFixtures(t, "-t", "60s", "control.test.js", "recursion.test.js")
	if code != 1 {
		t.Fatalf("exit %d, want 1:\n%s", code, out)
	}
	controlPassed(t, r, out)
	if status, msg := r.test(t, "recursion.test.js", "deep recursion"); status != "failed" || !strings.Contains(msg, "RangeError: Maximum call stack size exceeded") {
		t.Errorf("deep recursion: %s %q", status, msg)
	}
	if status, msg := r.test(t, "recursion.test.js", "the file goes on after it"); status != "passed" {
		t.Errorf("the test after it: %s %q", status, msg)
	}
}

// TestDeepRuntimeCodeFailsAlone: code a script builds at run time and hands to Function or
// the AsyncFunction or GeneratorFunction constructor, 300,000 parentheses deep, overflowed
// goja's parser stack: a fatal error, exit 2, no reports. Now it throws a RangeError the
// script can catch, and the constructors keep their names, lengths, prototypes and instanceof.
func TestDeepRuntimeCodeFailsAlone(t *testing.T) {
	out, code, r := runEngineFixtures(t, "control.test.js", "deep-code.test.js")
	if code != 0 || strings.Contains(out, "stack overflow") {
		t.Fatalf("exit %d, want 0:\n%.5000s", code, out)
	}
	controlPassed(t, r, out)
	if status, msg := r.test(t, "deep-code.test.js", "the file goes on after them"); status != "passed" {
		t.Errorf("the last test: %s %q\n%.5000s", status, msg, out)
	}
}

// TestDeepSnapshotFileFailsAlone: a .snap file is JavaScript that goja evaluates, without
// esbuild's nesting scan: a hand-edited one 300,000 parentheses deep overflowed goja's parser
// stack, a fatal error that ended the run. Now the test reading it fails with the reason, and
// the other files run.
func TestDeepSnapshotFileFailsAlone(t *testing.T) {
	dir := t.TempDir()
	const n = 300000
	write(t, filepath.Join(dir, "snap.test.js"), []byte("test('reads', () => { expect(1).toMatchSnapshot(); });\n"), 0o644)
	write(t, filepath.Join(dir, "__snapshots__", "snap.test.js.snap"), []byte("exports[`reads 1`] = "+strings.Repeat("(", n)+"`1`"+strings.Repeat(")", n)+";\n"), 0o644)
	write(t, filepath.Join(dir, "ok.test.js"), []byte("test('still runs', () => {});\n"), 0o644)
	code, out, errOut := pathsRun(t, dir, ".")
	if code != 1 || strings.Contains(errOut, "stack overflow") {
		t.Fatalf("exit %d, want 1:\n%.3000s\n%.3000s", code, out, errOut)
	}
	for _, s := range []string{"✓ still runs", "✗ reads", "cannot read the snapshot file __snapshots__/snap.test.js.snap: nested too deeply", "Files: 1 passed, 1 failed"} {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks %q:\n%.5000s", s, out)
		}
	}
}

// goodbyeServer is a WebSocket server that records the text messages it receives.
type goodbyeServer struct {
	mu   sync.Mutex
	got  []string
	seen chan string
}

func startGoodbyeServer(t *testing.T) (*goodbyeServer, string) {
	s := &goodbyeServer{seen: make(chan string, 16)}
	up := websocket.Upgrader{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer c.Close()
		for {
			_, msg, err := c.ReadMessage()
			if err != nil {
				return
			}
			s.mu.Lock()
			s.got = append(s.got, string(msg))
			s.mu.Unlock()
			s.seen <- string(msg)
		}
	}))
	t.Cleanup(srv.Close)
	return s, "ws" + strings.TrimPrefix(srv.URL, "http")
}

// waitFor waits until the server received msg, or fails after a generous bound (not a timing
// assertion: it only keeps a broken build from hanging).
func (s *goodbyeServer) waitFor(t *testing.T, msg string) {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		select {
		case m := <-s.seen:
			if m == msg {
				return
			}
		case <-deadline:
			t.Fatalf("the server never received %q", msg)
		}
	}
}

// TestInterruptRunsHooks: on SIGINT the running test stops, and its afterEach and afterAll
// hooks still reach the server the suite connected to (before: they were skipped); a hook that
// never ends is cut off after the grace period; the reports are complete and the exit is 130.
func TestInterruptRunsHooks(t *testing.T) {
	server, url := startGoodbyeServer(t)
	cmd, reports := engineCommand(t, "-e", "GOODBYE_URL="+url, "control.test.js", "goodbye.test.js")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	server.waitFor(t, "started")
	_ = cmd.Process.Signal(syscall.SIGINT)
	waitExit(t, cmd, &out)
	if code := cmd.ProcessState.ExitCode(); code != 130 {
		t.Errorf("exit %d, want 130:\n%s", code, out.String())
	}
	server.mu.Lock()
	got := strings.Join(server.got, ",")
	server.mu.Unlock()
	if got != "started,goodbye from afterEach,goodbye from afterAll" {
		t.Errorf("the server got %q, want the goodbyes of both hooks:\n%s", got, out.String())
	}
	r := reports(out.String())
	controlPassed(t, r, out.String())
	if status, msg := r.test(t, "goodbye.test.js", "waits for a signal"); status != "failed" || !strings.Contains(msg, "the run was interrupted") {
		t.Errorf("the interrupted test: %s %q", status, msg)
	}
	if !r.Summary.Interrupted {
		t.Error("the JSON summary does not say interrupted")
	}
}

// TestStuckHookIsCutOff: an afterEach hook that never ends after SIGINT is stopped when the
// grace period is up; the run still writes its reports and exits 130.
func TestStuckHookIsCutOff(t *testing.T) {
	server, url := startGoodbyeServer(t)
	cmd, reports := engineCommand(t, "-e", "GOODBYE_URL="+url, "control.test.js", "stuck-hook.test.js")
	var out syncBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	server.waitFor(t, "started")
	_ = cmd.Process.Signal(syscall.SIGINT)
	waitExit(t, cmd, &out)
	if code := cmd.ProcessState.ExitCode(); code != 130 {
		t.Errorf("exit %d, want 130:\n%s", code, out.String())
	}
	r := reports(out.String())
	if _, msg := r.test(t, "stuck-hook.test.js", "waits for a signal"); !strings.Contains(msg, "afterEach hook failed:\nthe run was interrupted, and the 2s the hooks had to finish are up") {
		t.Errorf("the stuck hook's failure: %q", msg)
	}
}

// TestSecondInterruptExitsAtOnce: a second SIGINT while hooks run exits 130 at once, without
// waiting for the grace period.
func TestSecondInterruptExitsAtOnce(t *testing.T) {
	server, url := startGoodbyeServer(t)
	cmd, _ := engineCommand(t, "-e", "GOODBYE_URL="+url, "stuck-hook.test.js")
	var out syncBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	server.waitFor(t, "started")
	_ = cmd.Process.Signal(syscall.SIGINT)
	out.waitFor(t, "interrupt again to exit at once")
	time.Sleep(signalEcho) // sooner, it is taken for the first one delivered twice
	_ = cmd.Process.Signal(syscall.SIGINT)
	waitExit(t, cmd, &out)
	if code := cmd.ProcessState.ExitCode(); code != 130 || !strings.Contains(out.String(), "interrupted again; exiting at once") {
		t.Errorf("exit %d, want 130 with the message:\n%s", code, out.String())
	}
	// The reports were being written to temporary files; exiting at once must not leave them.
	reportDir := filepath.Dir(cmd.Args[slices.Index(cmd.Args, "-r")+3][len("json="):])
	if left, _ := filepath.Glob(filepath.Join(reportDir, ".*.tmp")); len(left) > 0 {
		t.Errorf("temporary report files left behind: %v", left)
	}
}

func waitExit(t *testing.T, cmd *exec.Cmd, out interface{ String() string }) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("wsrun did not stop after SIGINT:\n%s", out.String())
	}
}

// syncBuffer is an output buffer a test can watch while the process writes to it.
type syncBuffer struct{ syncbuftest.Buffer }

// waitFor waits until the output contains s (bounded only to keep a broken build from hanging).
func (b *syncBuffer) waitFor(t *testing.T, s string) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if strings.Contains(b.String(), s) {
			return
		}
	}
	t.Fatalf("the output never showed %q:\n%s", s, b.String())
}

// TestLateSettleDoesNotEndHooks: a test whose promise settles after its timeout, while its
// afterEach hook runs, fails alone; the hook runs to its end.
func TestLateSettleDoesNotEndHooks(t *testing.T) {
	out, code, r := runEngineFixtures(t, "control.test.js", "late-settle.test.js")
	if code != 1 {
		t.Fatalf("exit %d, want 1:\n%s", code, out)
	}
	controlPassed(t, r, out)
	if status, msg := r.test(t, "late-settle.test.js", "times out while sleeping"); status != "failed" || strings.Contains(msg, "afterEach") {
		t.Errorf("the test that times out: %s %q", status, msg)
	}
	if status, msg := r.test(t, "late-settle.test.js", "the afterEach of the test before finished"); status != "passed" {
		t.Errorf("the next test: %s %q\n%s", status, msg, out)
	}
}

// TestNoFalseGreenInTheRunner: ways a test passed although a check of it failed or never
// ran, found by the engine trust hunt. Before: an async test that also takes done passed at
// once, a returned thenable was not followed, done(err) after done() was dropped, expect.soft
// in afterEach, beforeAll, afterAll or at the top level was lost, a returned object's getters
// ran (one that threw was an internal error), skipped tests under a
// failing beforeAll vanished from the counts, %j of null threw while the file loaded, and a
// failed file (afterAll, load error) did not count for --bail.
func TestNoFalseGreenInTheRunner(t *testing.T) {
	out, code, r := runEngineFixtures(t, "control.test.js", "false-green.test.js", "soft-toplevel.test.js")
	if code != 1 {
		t.Fatalf("exit %d, want 1:\n%s", code, out)
	}
	controlPassed(t, r, out)
	for _, c := range [][3]string{
		{"false-green.test.js", "async with done", "test takes a done callback and also returned a promise"},
		{"false-green.test.js", "thenable that rejects", "Error: the thenable rejected"},
		{"false-green.test.js", "thenable that resolves", ""},
		{"false-green.test.js", "done with a timer", ""},
		{"false-green.test.js", "thenable whose then getter throws", "Error: the getter threw"},
		{"false-green.test.js", "an object with a throwing getter", ""},
		{"false-green.test.js", "done twice", "test called done() more than once; a later call passed: Error: the second call failed"},
		{"false-green.test.js", "soft in afterEach › a", `Expected: "afterEach soft"`},
		{"false-green.test.js", "soft in beforeAll › b", "beforeAll hook failed (in describe \"soft in beforeAll\"):\nexpect(received).toBe(expected)"},
		{"false-green.test.js", "soft in afterAll › c", ""},
		{"false-green.test.js", "false-green.test.js", "afterAll hook failed (in describe \"soft in afterAll\"):\nexpect(received).toBe(expected)"},
		{"false-green.test.js", "beforeAll fails › inner › e", "Error: setup broke"},
		{"false-green.test.js", "beforeAll fails › inner › inner todo", ""},
		{"false-green.test.js", "beforeAll fails › inner › inner skip", ""},
		{"false-green.test.js", `each null undefined {"a":1}`, ""},
		{"soft-toplevel.test.js", "soft-toplevel.test.js", `Expected: "top-level soft"`},
		{"soft-toplevel.test.js", "runs all the same", ""},
	} {
		status, msg := r.test(t, c[0], c[1])
		want := "failed"
		switch c[1] {
		case "beforeAll fails › inner › inner todo":
			want = "todo"
		case "beforeAll fails › inner › inner skip":
			want = "skipped"
		default:
			if c[2] == "" {
				want = "passed"
			}
		}
		if status != want || !strings.Contains(msg, c[2]) {
			t.Errorf("%s › %s: %s %q, want %s with %q", c[0], c[1], status, msg, want, c[2])
		}
	}

	out, code, r = runEngineFixtures(t, "--bail", "1", "bail-a.test.js", "bail-b.test.js")
	if code != 1 {
		t.Fatalf("--bail: exit %d, want 1:\n%s", code, out)
	}
	r.wantStatus(t, out, "bail-a.test.js", "bail-a.test.js", "failed")
	r.wantStatus(t, out, "bail-b.test.js", "bail-b.test.js", "skipped")
}

// TestOnlyInACommentLeavesNothingOut: a file that only mentions test.only( in a comment or a
// string does not make the run leave out every file without a real .only. Before: nothing
// ran, and with --pass-with-no-tests the run passed with a failing test in it.
func TestOnlyInACommentLeavesNothingOut(t *testing.T) {
	out, code, r := runEngineFixtures(t, "--pass-with-no-tests", "only-mentioned")
	if code != 1 {
		t.Fatalf("exit %d, want 1 (the failing test runs):\n%s", code, out)
	}
	r.wantStatus(t, out, "only-mentioned/fails.test.js", "must run and fail", "failed")
	r.wantStatus(t, out, "only-mentioned/mentions.test.js", "mentions .only without using it", "passed")
}

// TestOnlyMisreadLeavesNothingOut: a file whose code the .only scan misreads (a regular
// expression it takes for a division) but which declares no .only. Before: every file was
// left out, and with --pass-with-no-tests the run passed having run nothing. The run now
// sees that no file declared a .only and runs the files as if none had been found.
func TestOnlyMisreadLeavesNothingOut(t *testing.T) {
	out, code, r := runEngineFixtures(t, "--pass-with-no-tests", "only-misread")
	if code != 1 {
		t.Fatalf("exit %d, want 1 (the failing test runs):\n%s", code, out)
	}
	r.wantStatus(t, out, "only-misread/fails.test.js", "must run and fail", "failed")
	r.wantStatus(t, out, "only-misread/regexp.test.js", "reads its regular expression", "passed")
	if !strings.Contains(out, "Files: 1 passed, 1 failed") {
		t.Errorf("each file is reported once:\n%s", out)
	}
}

// TestOnlyMisreadBesideABrokenFile: the files a misread .only left out run again though a
// file that cannot load was reported meanwhile. Before, they were run again only when no file
// at all had been reported, so one syntax error elsewhere left them out unseen.
func TestOnlyMisreadBesideABrokenFile(t *testing.T) {
	out, code, r := runEngineFixtures(t, "only-misread", "only-misread-broken")
	if code != 1 {
		t.Fatalf("exit %d, want 1:\n%s", code, out)
	}
	r.wantStatus(t, out, "only-misread/fails.test.js", "must run and fail", "failed")
	r.wantStatus(t, out, "only-misread/regexp.test.js", "reads its regular expression", "passed")
	if !strings.Contains(out, "Files: 1 passed, 2 failed") {
		t.Errorf("each file is reported once:\n%s", out)
	}
}

// TestOnlyMisreadList: --list lists what a run executes, also when the .only scan misread a
// file. Before, it listed nothing and exited 2 (no test was selected), or with
// --pass-with-no-tests listed 0 tests and passed.
func TestOnlyMisreadList(t *testing.T) {
	cmd := exec.Command(binary(t), "--list", "--pass-with-no-tests", "only-misread")
	cmd.Dir = engineDir
	out, _ := cmd.CombinedOutput()
	if code := cmd.ProcessState.ExitCode(); code != 0 {
		t.Fatalf("exit %d, want 0:\n%s", code, out)
	}
	for _, want := range []string{"only-misread/fails.test.js › must run and fail\n", "only-misread/regexp.test.js › reads its regular expression\n", "2 tests in 2 files"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the list lacks %q:\n%s", want, out)
		}
	}
}
