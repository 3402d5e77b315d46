package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

var recordDir = filepath.Join("testdata", "record", "node")

// needRecordFixture returns testdata/record/node once node and its ws package are installed.
// Without them it skips, or fails under WSRUN_REAL_SERVERS=1 (.ci/servers/record.sh installs
// them).
func needRecordFixture(t *testing.T) string {
	t.Helper()
	missing := ""
	if _, err := exec.LookPath("node"); err != nil {
		missing = "node is not installed"
	} else if _, err := os.Stat(filepath.Join(recordDir, "node_modules", "ws")); err != nil {
		missing = "ws is not installed in " + recordDir + " (npm ci --prefix " + recordDir + ")"
	}
	if missing != "" {
		if os.Getenv("WSRUN_REAL_SERVERS") == "1" {
			t.Fatalf("the real Node ws server and client cannot run: %s; .ci/servers/record.sh installs them", missing)
		}
		t.Skipf("no real Node ws peer: %s", missing)
	}
	return recordDir
}

// startRecordServer starts testdata/record/node/server.js with args and returns its ws:// URL.
// It exits when its stdin closes, at the test's cleanup.
func startRecordServer(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command("node", append([]string{"server.js"}, args...)...)
	cmd.Dir = needRecordFixture(t)
	cmd.Env = append(os.Environ(), "PORT=0")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	})
	port := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		port <- strings.TrimPrefix(strings.TrimSpace(line), "listening on ")
		_, _ = io.Copy(io.Discard, stdout)
	}()
	select {
	case p := <-port:
		if p == "" || strings.ContainsAny(p, " :") {
			t.Fatalf("the Node ws server printed %q, want \"listening on PORT\"", p)
		}
		return "ws://127.0.0.1:" + p
	case <-time.After(15 * time.Second):
		t.Fatal("the Node ws server did not print its port within 15s")
	}
	return ""
}

// TestRecordReplaysARealSession records Node ws clients talking to a Node ws server through
// `wsrun record`, then replays the written test with wsrun: green against the same server,
// red with the usual diff against a server that answers differently.
func TestRecordReplaysARealSession(t *testing.T) {
	target := startRecordServer(t)
	file := filepath.Join(t.TempDir(), "session.test.js")
	rec, stderr := startRecord(t, target, file)
	lines := make(chan string, 10)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var proxyURL string
	select {
	case l := <-lines:
		if rest, ok := strings.CutPrefix(l, "wsrun record: relaying "); ok {
			proxyURL, _, _ = strings.Cut(rest, " ")
		}
		if proxyURL == "" {
			t.Fatalf("wsrun record printed %q, want \"wsrun record: relaying URL to …\"", l)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("wsrun record did not say where it listens within 10s")
	}

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	client := exec.CommandContext(ctx, "node", "client.js", strings.TrimSuffix(proxyURL, "/"))
	client.Dir = recordDir
	if out, err := client.CombinedOutput(); err != nil || strings.TrimSpace(string(out)) != "done" {
		t.Fatalf("the Node client through the proxy: %v\n%s", err, out)
	}

	_ = rec.Process.Signal(syscall.SIGINT)
	var rest []string
	for l := range lines {
		rest = append(rest, l)
	}
	if err := rec.Wait(); err != nil {
		t.Fatalf("wsrun record after SIGINT: %v\n%s", err, strings.Join(rest, "\n"))
	}
	if want := "wsrun record: wrote " + file + ": 2 connections, 7 messages sent, 11 received"; len(rest) == 0 || rest[len(rest)-1] != want {
		t.Errorf("wsrun record ended with %q, want the summary %q", rest, want)
	}
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"const client1 = await ws.connect(target + '/chat?room=lobby', {",
		"protocols: ['chat.v1'],",
		"authorization: process.env.WSRUN_AUTHORIZATION ?? '[REDACTED]',",
		"id: expect.any(String), // recorded '",
		"(a UUID)", "(an ISO time)", "(an epoch time in ms)",
		"type: 'chat',",
		"to: msg", // bob's reaction names the chat message's id, read from the message it came in
		"client1.send(new Uint8Array([1, 2, 3, 250]));",
		"await client1.expect(new Uint8Array([250, 3, 2, 1]));",
		"await client2.expect('pong');",
		"await client1.close(1000, 'done');",
		"await client2.expectClose({ code: 4000 });",
	} {
		if !bytes.Contains(src, []byte(want)) {
			t.Errorf("the recorded test lacks %q:\n%s", want, src)
		}
	}
	if bytes.Contains(src, []byte("s3cret")) {
		t.Errorf("the recorded test holds the Authorization secret:\n%s", src)
	}

	replay := func(env ...string) (string, int) {
		cmd := exec.Command(binary(t), "--color", "never", "--expect-timeout", "1s", file)
		cmd.Env = append(os.Environ(), append([]string{"WSRUN_AUTHORIZATION=Bearer s3cret"}, env...)...)
		out, _ := cmd.CombinedOutput()
		return string(out), cmd.ProcessState.ExitCode()
	}
	if out, code := replay(); code != 0 || !strings.Contains(out, "Tests: 1 passed, 0 failed") {
		t.Fatalf("the replay against the same server exited %d:\n%s\n%s", code, out, src)
	}
	changed := startRecordServer(t, "--changed")
	out, code := replay("WSRUN_TARGET=" + changed)
	if code != 1 || !strings.Contains(out, `-   "room": "lobby",`) || !strings.Contains(out, `+   "room": "LOBBY",`) {
		t.Errorf("the replay against the changed server exited %d, want 1 with a diff of room:\n%s", code, out)
	}
}

func TestRecordCommandLine(t *testing.T) {
	dir := t.TempDir()
	canceled, cancel := context.WithCancel(context.Background())
	cancel() // as if Ctrl-C came at once
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no target", []string{"--listen", "127.0.0.1:0"}, exitUsage, "--target is required"},
		{"no listen", []string{"--target", "ws://127.0.0.1:1"}, exitUsage, "--listen is required"},
		{"http target", []string{"--target", "http://x", "--listen", "127.0.0.1:0"}, exitUsage, "want a ws:// or wss:// URL"},
		{"output is a directory", []string{"--target", "ws://127.0.0.1:1", "--listen", "127.0.0.1:0", "-o", dir}, exitUsage, "is a directory"},
		{"a target with a token", []string{"--target", "ws://127.0.0.1:1/?token=SECRET1", "--listen", "127.0.0.1:0", "-o", filepath.Join(dir, "token.test.js")}, exitUsage, "?token=[REDACTED]"},
		{"a target with a password", []string{"--target", "ws://alice:SECRET2@127.0.0.1:1/", "--listen", "127.0.0.1:0", "-o", filepath.Join(dir, "userinfo.test.js")}, exitUsage, "without user info"},
		{"output ends in a separator", []string{"--target", "ws://127.0.0.1:1", "--listen", "127.0.0.1:0", "-o", filepath.Join(dir, "new") + "/"}, exitUsage, "is a directory"},
		{"empty output", []string{"--target", "ws://127.0.0.1:1", "--listen", "127.0.0.1:0", "-o", ""}, exitUsage, "-o: give the file to write the test to"},
		{"stray argument", []string{"--target", "ws://127.0.0.1:1", "--listen", "127.0.0.1:0", "x.js"}, exitUsage, `unexpected argument "x.js"`},
		{"nothing recorded", []string{"--target", "ws://127.0.0.1:1", "--listen", "127.0.0.1:0", "-o", filepath.Join(dir, "empty.test.js")}, exitOK, "0 connections, 0 messages sent, 0 received"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(canceled, append([]string{"record"}, tt.args...), streams{out: &out, err: &errOut, getenv: func(string) string { return "" }})
			if code != tt.code || !strings.Contains(errOut.String(), tt.want) || strings.Contains(errOut.String(), "SECRET") {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d and %q", code, errOut.String(), tt.code, tt.want)
			}
		})
	}
	src, err := os.ReadFile(filepath.Join(dir, "empty.test.js"))
	if err != nil || !bytes.Contains(src, []byte("Nothing was recorded")) {
		t.Errorf("the empty recording: %v\n%s", err, src)
	}
}

// TestRecordLogRedacts: the line wsrun record prints for a connection it could not relay
// names the server URL with the client's query, whose token the console redacts (SPEC 9).
func TestRecordLogRedacts(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	listen := l.Addr().String()
	l.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut syncBuffer // the proxy logs from its handlers
	done := make(chan int, 1)
	output := filepath.Join(t.TempDir(), "rec.test.js")
	go func() {
		done <- run(ctx, []string{"record", "--target", "ws://127.0.0.1:1", "--listen", listen, "-o", output},
			streams{out: &out, err: &errOut, getenv: func(string) string { return "" }})
	}()
	var resp *http.Response
	for range 100 { // until the proxy listens
		_, resp, err = websocket.DefaultDialer.Dial("ws://"+listen+"/chat?room=1&token=SECRET1query", nil)
		if resp != nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if resp == nil || resp.StatusCode != http.StatusBadGateway {
		t.Fatalf("the proxy answered %v, %v; want 502 (the target refuses)", resp, err)
	}
	cancel()
	if code := <-done; code != exitOK {
		t.Errorf("exit %d", code)
	}
	if log := errOut.String(); strings.Contains(log, "SECRET") || !strings.Contains(log, "token=[REDACTED]") {
		t.Errorf("the log shows the token, or not where it was:\n%s", log)
	}
}

// TestRecordWritesBeforeClosing: Ctrl-C writes the test at once. Closing the relayed
// connections waits for servers that do not answer the close frame; a second Ctrl-C during
// that wait exits at once, and must not lose the recording.
func TestRecordWritesBeforeClosing(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := (&websocket.Upgrader{}).Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer c.Close()
		_ = c.WriteMessage(websocket.TextMessage, []byte(`{"type":"hello"}`))
		<-release // never reads: the proxy's close frame goes unanswered
	}))
	defer srv.Close()
	defer close(release)
	output := filepath.Join(t.TempDir(), "rec.test.js")
	rec, stderr := startRecord(t, "ws"+strings.TrimPrefix(srv.URL, "http"), output)
	sc := bufio.NewScanner(stderr)
	if !sc.Scan() {
		t.Fatal("wsrun record printed nothing")
	}
	rest, _ := strings.CutPrefix(sc.Text(), "wsrun record: relaying ")
	proxyURL, _, _ := strings.Cut(rest, " ")
	c, _, err := websocket.DefaultDialer.Dial(proxyURL, nil)
	if err != nil {
		t.Fatalf("%v (the proxy printed %q)", err, sc.Text())
	}
	defer c.Close()
	if _, msg, err := c.ReadMessage(); err != nil || string(msg) != `{"type":"hello"}` {
		t.Fatalf("through the proxy: %q, %v", msg, err)
	}
	_ = rec.Process.Signal(syscall.SIGINT)
	time.Sleep(600 * time.Millisecond) // past the echo of the first signal, inside the close wait
	_ = rec.Process.Signal(syscall.SIGINT)
	go func() { _, _ = io.Copy(io.Discard, stderr) }()
	_ = rec.Wait()
	src, err := os.ReadFile(output)
	if err != nil || !bytes.Contains(src, []byte("await client1.expect({ type: 'hello' });")) {
		t.Errorf("after a second Ctrl-C: %v\n%s", err, src)
	}
}

// startRecord starts wsrun record relaying to target on a free port and writing output, and
// returns it with its stderr, where it says where it listens; it is killed when the test ends.
func startRecord(t *testing.T, target, output string) (*exec.Cmd, io.ReadCloser) {
	t.Helper()
	rec := exec.Command(binary(t), "record", "--target", target, "--listen", "127.0.0.1:0", "-o", output)
	stderr, err := rec.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := rec.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = rec.Process.Kill() })
	return rec, stderr
}
