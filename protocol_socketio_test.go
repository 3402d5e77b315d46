package main

import (
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/wsrun/wsrun/internal/goldentest"
)

var socketioDir = filepath.Join("testdata", "protocols", "socketio")

// needSocketIOPackage returns the fixture folder testdata/protocols/socketio/server once node
// and the npm package pkg are installed there (.ci/servers/socketio.sh installs them).
func needSocketIOPackage(t *testing.T, pkg string) string {
	t.Helper()
	return needNodePackages(t, filepath.Join(socketioDir, "server"), "socketio.sh", pkg)
}

// startSocketIOServer starts the real socket.io 4 server of testdata/protocols/socketio/server
// on 127.0.0.1 and returns its http:// URL. The server exits when its stdin closes.
func startSocketIOServer(t *testing.T) string {
	t.Helper()
	cmd := exec.Command("node", "server.js")
	cmd.Dir = needSocketIOPackage(t, "socket.io")
	cmd.Env = append(os.Environ(), "PORT=0")
	port := startServer(t, cmd, "listening on ")
	if strings.ContainsAny(port, " :") {
		t.Fatalf("the Socket.IO server printed %q, want \"listening on PORT\"", port)
	}
	return "http://127.0.0.1:" + port
}

// TestSocketIOAgainstTheRealServer runs the module's scenario (auth refused, acks, binary,
// namespaces, disconnects) and the same scenario in raw frames against socket.io 4.
func TestSocketIOAgainstTheRealServer(t *testing.T) {
	url := startSocketIOServer(t)
	run := runProtocol(t, socketioDir, []string{"SOCKETIO_URL=" + url}, "module.test.js", "raw.test.js")
	if run.code != 0 {
		t.Fatalf("exit %d, want 0:\n%s", run.code, run.out)
	}
	if got := run.report.Summary.Tests; got.Passed != 16 || got.Failed != 0 || got.Skipped != 0 {
		t.Errorf("tests %+v, want 16 passed:\n%s", got, run.out)
	}
	// Acks are timed under their event's name; those that timed out ("ignored", "slow") are not.
	got := run.opCounts("")
	want := map[string]int{"socketio echo": 7, "socketio binary": 2, "socketio stats": 2}
	if !maps.Equal(got, want) {
		t.Errorf("operations %v, want %v", got, want)
	}
}

// socketioSID masks the sids the server draws at random.
var socketioSID = mask{regexp.MustCompile(`"(sid|id)":"[\w-]{20}"`), `"$1":"SID"`}

// TestSocketIOTimeoutOutput golden-tests what a timed-out event wait, ack wait and a
// disconnect with the wrong reason print, decoded, against the real server.
func TestSocketIOTimeoutOutput(t *testing.T) {
	url := startSocketIOServer(t)
	run := runProtocol(t, socketioDir, []string{"SOCKETIO_URL=" + url}, "failing/timeout.test.js")
	if run.code != 1 {
		t.Fatalf("exit %d, want 1:\n%s", run.code, run.out)
	}
	if got := run.report.Summary.Tests; got.Passed != 0 || got.Failed != 3 {
		t.Errorf("tests %+v, want 3 failed:\n%s", got, run.out)
	}
	// The timeouts are the test's own: "after 300ms", "after 200ms" survive the mask below.
	for _, want := range []string{
		`ann: expect timed out after 300ms waiting for echo ["hello", {"from": "bob"}]`,
		`bob: emitWithAck timed out after 200ms waiting for the ack of ignored ["please answer"] (id 0)`,
		`carl: expectDisconnect failed: the socket disconnected (io server disconnect)`,
	} {
		if !strings.Contains(run.out, want) {
			t.Errorf("output lacks %q:\n%s", want, run.out)
		}
	}
	goldentest.Check(t, filepath.Join(socketioDir, "failing", "timeout.golden"), maskOutput(run.out, socketioSID))
}

// TestSocketIOHeartbeatAndViolations runs scripted servers (ws.serve, no node needed): pings
// are answered; pings that stop, and frames that break the protocol, fail the test with a
// message that says so instead of hanging.
func TestSocketIOHeartbeatAndViolations(t *testing.T) {
	run := runProtocol(t, socketioDir, nil, "fake/heartbeat.test.js")
	if run.code != 1 {
		t.Fatalf("exit %d, want 1:\n%s", run.code, run.out)
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
	checkTests(t, run, want)
}

// TestSocketIOServeWithRealClient runs the socketio.serve mock of mock/chat.js under `wsrun
// serve` and connects the real socket.io-client 4 to it (server/client.js): auth refused with
// its data, an ack, binary attachments both ways, an ack the server asks for, pings answered
// for a while, and a server-initiated disconnect.
func TestSocketIOServeWithRealClient(t *testing.T) {
	dir := needSocketIOPackage(t, "socket.io-client")
	wsURL := startServer(t, exec.Command(binary(t), "serve", filepath.Join(socketioDir, "mock", "chat.js")), "listening on ")
	httpURL := strings.TrimSuffix(strings.Replace(wsURL, "ws://", "http://", 1), "/socket.io/")
	client := exec.Command("node", "client.js", httpURL)
	client.Dir = dir
	out, err := client.CombinedOutput()
	if err != nil {
		t.Fatalf("socket.io-client against the mock: %v\n%s", err, out)
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
	run := runProtocol(t, socketioDir, nil, "fake/serve.test.js")
	if run.code != 0 {
		t.Fatalf("exit %d, want 0:\n%s", run.code, run.out)
	}
	if got := run.report.Summary.Tests; got.Passed != 5 || got.Failed != 0 {
		t.Errorf("tests %+v, want 5 passed:\n%s", got, run.out)
	}
}

// TestSocketIOTrust runs fake/trust.test.js against scripted servers: an event the server
// names like an ack ("ack 0") settles no emitWithAck; a 'disconnect' handler that throws on
// the server's DISCONNECT fails the test with its own error, not as the server's protocol
// error; timeout(ms).emit's callback hears of a disconnect at once instead of never; and an
// absurd pingInterval does not overflow the heartbeat's timer into a false 'ping timeout';
// close() after the Connection was closed by hand does not throw.
func TestSocketIOTrust(t *testing.T) {
	run := runProtocol(t, socketioDir, nil, "fake/trust.test.js")
	if run.code != 1 {
		t.Fatalf("exit %d, want 1:\n%s", run.code, run.out)
	}
	const handler = "a disconnect handler that throws fails the test with its own error"
	checkTests(t, run, map[string]string{
		"an event named like an ack settles no emitWithAck": "",
		"an emitWithAck that only an event named like its ack answers times out": "fooled: emitWithAck timed out after 300ms waiting for the ack of question [] (id 0); " +
			"1 unconsumed event:\n  1. \"ack 0\" [\"wrong\"]",
		handler: "a bug in the disconnect handler",
		"timeout(ms).emit's callback hears of a disconnect at once":                            "",
		"an absurd pingInterval in the open packet is no ping timeout":                         "",
		"close() after its Connection was closed resolves, as socket.io-client's disconnect()": "",
	})
	if _, msg := run.report.test(t, filepath.Join("fake", "trust.test.js"), handler); strings.Contains(msg, "protocol error") {
		t.Errorf("%s: the script's error is blamed on the server:\n%s", handler, msg)
	}
}
