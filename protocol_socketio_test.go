package main

import (
	"bufio"
	"encoding/json"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/wsrun/wsrun/internal/goldentest"
)

var socketioDir = filepath.Join("testdata", "protocols", "socketio")

// needSocketIOPackage returns the fixture folder testdata/protocols/socketio/server once node
// and the npm package pkg are installed there. Without them it skips, or fails under
// WSRUN_REAL_SERVERS=1 (.ci/servers/socketio.sh installs them).
func needSocketIOPackage(t *testing.T, pkg string) string {
	t.Helper()
	dir := filepath.Join(socketioDir, "server")
	missing := ""
	if _, err := exec.LookPath("node"); err != nil {
		missing = "node is not installed"
	} else if _, err := os.Stat(filepath.Join(dir, "node_modules", pkg)); err != nil {
		missing = pkg + " is not installed in " + dir + " (npm ci --prefix " + dir + ")"
	}
	if missing != "" {
		if os.Getenv("WSRUN_REAL_SERVERS") == "1" {
			t.Fatalf("the real Socket.IO peer cannot run: %s; .ci/servers/socketio.sh installs it", missing)
		}
		t.Skipf("no real Socket.IO peer: %s", missing)
	}
	return dir
}

// startSocketIOServer starts the real socket.io 4 server of testdata/protocols/socketio/server
// on 127.0.0.1 and returns its http:// URL. It skips when node or the server's node_modules
// are missing, and fails instead under WSRUN_REAL_SERVERS=1 (.ci/servers/socketio.sh installs
// them). The server exits when its stdin closes, at the test's cleanup.
func startSocketIOServer(t *testing.T) string {
	t.Helper()
	dir := needSocketIOPackage(t, "socket.io")
	cmd := exec.Command("node", "server.js")
	cmd.Dir = dir
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
			t.Fatalf("the Socket.IO server printed %q, want \"listening on PORT\"", p)
		}
		return "http://127.0.0.1:" + p
	case <-time.After(15 * time.Second):
		t.Fatal("the Socket.IO server did not print its port within 15s")
	}
	return ""
}

// runSocketIO runs the scripts through the binary in testdata/protocols/socketio with env
// added, and returns the JSON report, the output and the exit code.
func runSocketIO(t *testing.T, env []string, paths ...string) (jsonReport, string, int) {
	doc, out, code, _ := runSocketIOReport(t, env, paths...)
	return doc, out, code
}

// runSocketIOReport is runSocketIO that also returns the JSON report's path.
func runSocketIOReport(t *testing.T, env []string, paths ...string) (jsonReport, string, int, string) {
	t.Helper()
	jsonPath := filepath.Join(t.TempDir(), "report.json")
	args := append([]string{"--color", "never", "-r", "pretty", "-r", "json=" + jsonPath, "--parallel", "1"}, paths...)
	cmd := exec.Command(binary(t), args...)
	cmd.Dir = socketioDir
	cmd.Env = append(os.Environ(), env...)
	out, _ := cmd.CombinedOutput()
	return readJSONReport(t, jsonPath, string(out)), string(out), cmd.ProcessState.ExitCode(), jsonPath
}

// TestSocketIOAgainstTheRealServer runs the module's scenario (auth refused, acks, binary,
// namespaces, disconnects) and the same scenario in raw frames against socket.io 4.
func TestSocketIOAgainstTheRealServer(t *testing.T) {
	url := startSocketIOServer(t)
	doc, out, code, jsonPath := runSocketIOReport(t, []string{"SOCKETIO_URL=" + url}, "module.test.js", "raw.test.js")
	if code != 0 {
		t.Fatalf("exit %d, want 0:\n%s", code, out)
	}
	if got := doc.Summary.Tests; got.Passed != 16 || got.Failed != 0 || got.Skipped != 0 {
		t.Errorf("tests %+v, want 16 passed:\n%s", got, out)
	}
	// Acks are timed under their event's name; those that timed out ("ignored", "slow") are not.
	data, err := os.ReadFile(jsonPath)
	if err != nil {
		t.Fatal(err)
	}
	var ops struct {
		Operations []struct {
			Name, Protocol string
			Count          int
		}
	}
	if err := json.Unmarshal(data, &ops); err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, o := range ops.Operations {
		got[o.Protocol+" "+o.Name] = o.Count
	}
	want := map[string]int{"socketio echo": 7, "socketio binary": 2, "socketio stats": 2}
	if !maps.Equal(got, want) {
		t.Errorf("operations %v, want %v", got, want)
	}
}

// socketioMasks make the failure output stable: ports, durations, and the sids the server
// draws at random.
var socketioMasks = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`127\.0\.0\.1:\d+`), "127.0.0.1:PORT"},
	{regexp.MustCompile(`\((\d+(\.\d+)?m?s)\)`), "(Ns)"},
	{regexp.MustCompile(`\+\d+\.\d+s `), "+Ns "},
	{regexp.MustCompile(`Time: +\S+`), "Time:  Ns"},
	{regexp.MustCompile(`"(sid|id)":"[\w-]{20}"`), `"$1":"SID"`},
}

// TestSocketIOTimeoutOutput golden-tests what a timed-out event wait, ack wait and a
// disconnect with the wrong reason print, decoded, against the real server.
func TestSocketIOTimeoutOutput(t *testing.T) {
	url := startSocketIOServer(t)
	doc, out, code := runSocketIO(t, []string{"SOCKETIO_URL=" + url}, "failing/timeout.test.js")
	if code != 1 {
		t.Fatalf("exit %d, want 1:\n%s", code, out)
	}
	if got := doc.Summary.Tests; got.Passed != 0 || got.Failed != 3 {
		t.Errorf("tests %+v, want 3 failed:\n%s", got, out)
	}
	// The timeouts are the test's own: "after 300ms", "after 200ms" survive the mask below.
	for _, want := range []string{
		`ann: expect timed out after 300ms waiting for echo ["hello", {"from": "bob"}]`,
		`bob: emitWithAck timed out after 200ms waiting for the ack of ignored ["please answer"] (id 0)`,
		`carl: expectDisconnect failed: the socket disconnected (io server disconnect)`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, m := range socketioMasks {
		out = m.re.ReplaceAllString(out, m.with)
	}
	goldentest.Check(t, filepath.Join(socketioDir, "failing", "timeout.golden"), out)
}

// TestSocketIOHeartbeatAndViolations runs scripted servers (ws.serve, no node needed): pings
// are answered; pings that stop, and frames that break the protocol, fail the test with a
// message that says so instead of hanging.
func TestSocketIOHeartbeatAndViolations(t *testing.T) {
	doc, out, code := runSocketIO(t, nil, "fake/heartbeat.test.js")
	if code != 1 {
		t.Fatalf("exit %d, want 1:\n%s", code, out)
	}
	want := map[string]string{
		"pings are answered with pongs":                                      "",
		"a pending expectDisconnect hears the transport close":               "",
		"a packet over the server's maxPayload throws instead of being sent": "",
		"pings that stop fail the wait":                                      "quiet: expect failed: the socket disconnected (ping timeout: the server sent no ping for 150ms (pingInterval 100 + pingTimeout 50))",
		"a packet that is not Socket.IO":                                     `garbled: Socket.IO protocol error: unknown Socket.IO packet type "x"`,
		"an ack nobody asked for":                                            "surprised: Socket.IO protocol error: an ACK for id 7, which no emit asked for",
		"an attachment nobody announced":                                     "stray: Socket.IO protocol error: a binary frame of 2 bytes arrived, but no binary packet was waiting for attachments",
		"a server that never sends the open packet":                          "mute: connect timed out after 200ms waiting for the server's Engine.IO open packet",
		"an emitWithAck never awaited":                                       `hasty.emitWithAck("slow", …) at fake/heartbeat.test.js:88:21 was never awaited`,
	}
	seen := 0
	for _, f := range doc.Files {
		for _, tr := range f.Tests {
			w, ok := want[tr.Name]
			if !ok {
				t.Errorf("unexpected test %q", tr.Name)
				continue
			}
			seen++
			msg := ""
			for _, e := range tr.Errors {
				msg += e.Message + "\n"
			}
			switch {
			case w == "" && tr.Status != "passed":
				t.Errorf("%s: %s, want passed:\n%s", tr.Name, tr.Status, msg)
			case w != "" && (tr.Status != "failed" || !strings.Contains(msg, w)):
				t.Errorf("%s: %s with\n%s\nwant failed with %q", tr.Name, tr.Status, msg, w)
			}
		}
	}
	if seen != len(want) {
		t.Errorf("saw %d tests, want %d:\n%s", seen, len(want), out)
	}
}

// TestSocketIOServeWithRealClient runs the socketio.serve mock of mock/chat.js under `wsrun
// serve` and connects the real socket.io-client 4 to it (server/client.js): auth refused with
// its data, an ack, binary attachments both ways, an ack the server asks for, pings answered
// for a while, and a server-initiated disconnect.
func TestSocketIOServeWithRealClient(t *testing.T) {
	dir := needSocketIOPackage(t, "socket.io-client")
	cmd := exec.Command(binary(t), "serve", filepath.Join(socketioDir, "mock", "chat.js"))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	})
	url := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if u, ok := strings.CutPrefix(sc.Text(), "listening on "); ok {
				url <- u
			}
		}
	}()
	var wsURL string
	select {
	case wsURL = <-url:
	case <-time.After(10 * time.Second):
		t.Fatalf("wsrun serve printed no URL; stderr:\n%s", stderr.String())
	}
	httpURL := strings.TrimSuffix(strings.Replace(wsURL, "ws://", "http://", 1), "/socket.io/")
	client := exec.Command("node", "client.js", httpURL)
	client.Dir = dir
	out, err := client.CombinedOutput()
	if err != nil {
		t.Fatalf("socket.io-client against the mock: %v\n%s\nwsrun serve stderr:\n%s", err, out, stderr.String())
	}
	const want = `{"refused":{"message":"not authorized","data":{"hint":"token"}},"welcome":"ann","idMatches":true,` +
		`"echo":"hi","binary":[3,2,1],"binaryMeta":{"size":3},"answer":"ready!","stillConnected":true,"disconnect":"io server disconnect"}`
	if got := strings.TrimSpace(string(out)); got != want {
		t.Errorf("socket.io-client saw\n%s\nwant\n%s", got, want)
	}
}

// TestSocketIOServeInScript runs fake/serve.test.js: socketio.serve's API (authorize,
// namespaces, handshake, sockets, emit to all, close) seen by wsrun's own client.
func TestSocketIOServeInScript(t *testing.T) {
	doc, out, code := runSocketIO(t, nil, "fake/serve.test.js")
	if code != 0 {
		t.Fatalf("exit %d, want 0:\n%s", code, out)
	}
	if got := doc.Summary.Tests; got.Passed != 4 || got.Failed != 0 {
		t.Errorf("tests %+v, want 4 passed:\n%s", got, out)
	}
}
