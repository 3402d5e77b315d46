package main

import (
	"bufio"
	"errors"
	"io"
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
)

// watchWait bounds every wait for the watcher's output: long on a busy machine, never forever.
const watchWait = 20 * time.Second

// process is a wsrun started by a test, whose stdout is read line by line.
type process struct {
	t      *testing.T
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	lines  chan string
	mu     sync.Mutex
	stderr strings.Builder
}

func (p *process) Write(b []byte) (int, error) { // stderr
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stderr.Write(b)
}

func (p *process) errText() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stderr.String()
}

// start runs the binary in dir with a pipe, not a terminal, as stdin.
func start(t *testing.T, dir string, args ...string) *process {
	t.Helper()
	p := &process{t: t, cmd: exec.Command(binary(t), args...), lines: make(chan string, 1000)}
	p.cmd.Dir = dir
	p.cmd.Stderr = p
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if p.stdin, err = p.cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = p.cmd.Process.Kill(); _ = p.cmd.Wait() })
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			p.lines <- sc.Text()
		}
		close(p.lines)
	}()
	return p
}

// until reads lines up to and including the first one that contains want, and returns them.
func (p *process) until(want string) string {
	p.t.Helper()
	var seen []string
	deadline := time.After(watchWait)
	for {
		select {
		case l, ok := <-p.lines:
			if !ok {
				p.t.Fatalf("wsrun ended before printing %q:\n%s\nstderr: %s", want, strings.Join(seen, "\n"), p.errText())
			}
			seen = append(seen, l)
			if strings.Contains(l, want) {
				return strings.Join(seen, "\n")
			}
		case <-deadline:
			p.t.Fatalf("no %q within %s:\n%s\nstderr: %s", want, watchWait, strings.Join(seen, "\n"), p.errText())
		}
	}
}

// saveFile writes text to path, making its directories.
func saveFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// saveByRename saves as many editors do: a temporary file beside, renamed over the old one.
func saveByRename(t *testing.T, path, text string) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".swp")
	saveFile(t, tmp, text)
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// headers are the files of the PASS/FAIL lines of a run's output, sorted: files finish in
// any order.
func headers(out string) []string {
	var files []string
	for _, l := range strings.Split(out, "\n") {
		if f, ok := strings.CutPrefix(l, "PASS  "); ok {
			files = append(files, strings.Fields(f)[0])
		} else if f, ok := strings.CutPrefix(l, "FAIL  "); ok {
			files = append(files, strings.Fields(f)[0])
		}
	}
	slices.Sort(files)
	return files
}

const waiting = "Watching for changes"

// wsrun --watch through the real binary and real files: a change re-runs exactly the test
// files that import what changed, a syntax error is shown until the save that fixes it, a new
// test file runs, and keys are not read from a stdin that is not a terminal.
func TestWatchReRunsWhatAChangeAffects(t *testing.T) {
	dir := t.TempDir()
	helper := filepath.Join(dir, "lib", "helper.js")
	saveFile(t, helper, "export const helper = () => 1;\n")
	for _, name := range []string{"a", "b"} {
		saveFile(t, filepath.Join(dir, "tests", name+".test.js"),
			"import { helper } from '../lib/helper.js';\ntest('"+name+"', () => { expect(helper()).toBe(1); });\n")
	}
	third := filepath.Join(dir, "tests", "c.test.js")
	saveFile(t, third, "test('c', () => {});\n")

	p := start(t, dir, "--watch", "--color", "never", "tests")
	out := p.until(waiting)
	if got := strings.Join(headers(out), " "); got != "tests/a.test.js tests/b.test.js tests/c.test.js" {
		t.Fatalf("first run ran %q:\n%s", got, out)
	}

	// Keys from a pipe are not keys: q would quit, a would run every file.
	if _, err := io.WriteString(p.stdin, "q\na\n"); err != nil {
		t.Fatal(err)
	}
	// lib/ is outside the path watched (tests): it is watched because the tests import it.
	saveByRename(t, helper, "export const helper = () => 2 - 1;\n")
	out = p.until(waiting)
	if !strings.Contains(out, "lib/helper.js changed · 2 files") {
		t.Errorf("the header does not say why:\n%s", out)
	}
	if got := strings.Join(headers(out), " "); got != "tests/a.test.js tests/b.test.js" {
		t.Errorf("a change to the helper ran %q, want a and b only:\n%s", got, out)
	}

	saveFile(t, third, "test('c', () => { broken( });\n")
	out = p.until(waiting)
	for _, want := range []string{"tests/c.test.js changed · 1 file", "FAIL  tests/c.test.js", "SyntaxError", "> 1 | test('c', () => { broken( });", "at tests/c.test.js:1:"} {
		if !strings.Contains(out, want) {
			t.Errorf("a syntax error's run lacks %q:\n%s", want, out)
		}
	}
	saveFile(t, third, "test('c', () => { expect(1).toBe(1); });\n")
	out = p.until(waiting)
	if got := strings.Join(headers(out), " "); got != "tests/c.test.js" || !strings.Contains(out, "PASS  tests/c.test.js") {
		t.Errorf("the fixing save ran %q:\n%s", got, out)
	}

	saveFile(t, filepath.Join(dir, "tests", "deeper", "d.test.js"), "test('d', () => {});\n")
	out = p.until(waiting)
	if got := strings.Join(headers(out), " "); got != "tests/deeper/d.test.js" || !strings.Contains(out, "tests/deeper/d.test.js is new") {
		t.Errorf("a new test file in a new directory ran %q:\n%s", got, out)
	}

	if err := p.cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	out = p.until("Tests:")
	if !strings.Contains(out, "stopped. The last run:") {
		t.Errorf("SIGINT did not print the last run's summary:\n%s", out)
	}
	err := p.cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != exitInterrupted {
		t.Errorf("exit %v, want %d; stderr %s", err, exitInterrupted, p.errText())
	}
}

// A test file that failed to load because an import was missing re-runs when that file is
// created, though it was in none of the inputs the failed bundle listed; a JSON file written
// beside it (a report) does not re-run it.
func TestWatchReRunsAFileWhoseImportWasMissing(t *testing.T) {
	dir := t.TempDir()
	saveFile(t, filepath.Join(dir, "a.test.js"), "import { v } from './lib/v.js';\ntest('a', () => { expect(v).toBe(1); });\n")
	saveFile(t, filepath.Join(dir, "b.test.js"), "test('b', () => {});\n")
	p := start(t, dir, "--watch", "--color", "never", ".")
	out := p.until(waiting)
	if !strings.Contains(out, `Could not resolve "./lib/v.js"`) {
		t.Fatalf("the first run does not say the import is missing:\n%s", out)
	}
	saveFile(t, filepath.Join(dir, "notes.json"), "{}\n")
	saveFile(t, filepath.Join(dir, "lib", "v.js"), "export const v = 1;\n")
	out = p.until(waiting)
	if got := strings.Join(headers(out), " "); got != "a.test.js" || !strings.Contains(out, "PASS  a.test.js") || !strings.Contains(out, "lib/v.js changed · 1 file") {
		t.Errorf("creating the missing import ran %q:\n%s", got, out)
	}
}

// wsrun serve --watch restarts the mock when a file it imports changes: the client sees 1012
// and reconnects to the same URL, where the new code answers, also after a broken save.
func TestServeWatchRestartsOnTheSamePort(t *testing.T) {
	dir := t.TempDir()
	reply := filepath.Join(dir, "reply.js")
	saveFile(t, reply, "export const reply = 'v1';\n")
	saveFile(t, filepath.Join(dir, "mock.js"), `import { reply } from './reply.js';
ws.serve((conn) => { conn.send(reply); });
`)
	p := start(t, dir, "serve", "--watch", "mock.js")
	url := strings.TrimPrefix(lastLine(p.until("listening on ")), "listening on ")
	conn := dialRead(t, url, "v1")

	saveFile(t, reply, "export const reply = 'v2';\n")
	_ = conn.SetReadDeadline(time.Now().Add(watchWait))
	_, _, err := conn.ReadMessage()
	var ce *websocket.CloseError
	if !errors.As(err, &ce) || ce.Code != websocket.CloseServiceRestart {
		t.Fatalf("want a 1012 close after the change, got %v", err)
	}
	conn.Close()
	// A client that reconnects the instant it sees 1012, as browsers' reconnect loops do,
	// is answered by the new run: the socket stayed open across the restart.
	dialRead(t, url, "v2").Close()
	out := p.until("listening on ")
	if again := strings.TrimPrefix(lastLine(out), "listening on "); again != url {
		t.Fatalf("restarted on %s, want %s:\n%s", again, url, out)
	}
	if !strings.Contains(out, "restarted (reply.js changed): every connection was closed with 1012") {
		t.Errorf("the restart is not explained:\n%s", out)
	}

	// A save that breaks the script is shown, and the one that fixes it gets the port back.
	saveFile(t, reply, "export const reply = ( 'v2';\n")
	if out := p.until("no server is running; waiting for a change"); !strings.Contains(out, "SyntaxError") {
		t.Errorf("the syntax error is not shown:\n%s", out)
	}
	saveFile(t, reply, "export const reply = 'v3';\n")
	if again := strings.TrimPrefix(lastLine(p.until("listening on ")), "listening on "); again != url {
		t.Fatalf("after a broken save, restarted on %s, want %s", again, url)
	}
	dialRead(t, url, "v3").Close()
}

// dialRead connects to url and checks the first message.
func dialRead(t *testing.T, url, want string) *websocket.Conn {
	t.Helper()
	conn, _, err := websocket.DefaultDialer.Dial(url, nil)
	if err != nil {
		t.Fatal(err)
	}
	_ = conn.SetReadDeadline(time.Now().Add(watchWait))
	if _, msg, err := conn.ReadMessage(); err != nil || string(msg) != want {
		t.Fatalf("first message %q, %v; want %q", msg, err, want)
	}
	return conn
}

func lastLine(s string) string { return s[strings.LastIndex(s, "\n")+1:] }

// watching reads the command line as run does, so every spelling of --watch counts.
func TestWatching(t *testing.T) {
	for _, c := range []struct {
		args []string
		want bool
	}{
		{[]string{"--watch"}, true},
		{[]string{"-w", "tests"}, true},
		{[]string{"-vw"}, true},
		{[]string{"--watch=1"}, true},
		{[]string{"tests", "--watch"}, true},
		{[]string{"--watch=false"}, false},
		{[]string{"tests"}, false},
		{[]string{"--", "-w"}, false},
		{[]string{"-g", "-w"}, false}, // -w is the pattern
	} {
		if got := watching(c.args); got != c.want {
			t.Errorf("watching(%q) = %v, want %v", c.args, got, c.want)
		}
	}
}
