package main

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wsrun/wsrun/internal/goldentest"
)

// jsonrpcDir holds the JSON-RPC fixtures: the real server (server.py, Python with Debian's
// python3-websockets) and the scripts run against it.
var jsonrpcDir = filepath.Join("testdata", "protocols", "jsonrpc")

// jsonrpcServer starts testdata/protocols/jsonrpc/server.py on a free port of 127.0.0.1 and
// returns its URL. Without a Python that has the websockets package it skips, or fails under
// WSRUN_REAL_SERVERS=1 (CI, where .ci/servers/jsonrpc.sh installs it).
func jsonrpcServer(t *testing.T) string {
	t.Helper()
	python := ""
	// Debian's python3 first: a python3 earlier on PATH (pyenv) may lack Debian's packages.
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(p, "-c", "import websockets").Run() == nil {
			python = p
			break
		}
	}
	if python == "" {
		needReal(t, "no python3 has the websockets package (Debian: apt-get install -y python3-websockets)", "jsonrpc.sh")
	}
	return startServer(t, exec.Command(python, filepath.Join(jsonrpcDir, "server.py"), "0"), "listening on ")
}

// runJSONRPC runs the binary on scripts of the fixture folder against the server at url.
func runJSONRPC(t *testing.T, url string, args ...string) protocolRun {
	t.Helper()
	return runProtocol(t, jsonrpcDir, []string{"JSONRPC_URL=" + url}, args...)
}

// TestJSONRPCRawAndModule runs the same scenario twice against the real server, with raw
// frames and with wsrun/jsonrpc, and once more from TypeScript. All pass, and each call and
// batch entry the module made is timed under its method (notifications are not: nothing
// answers them); the raw frames are not timed.
func TestJSONRPCRawAndModule(t *testing.T) {
	url := jsonrpcServer(t)
	run := runJSONRPC(t, url, "raw.test.js", "module.test.js", "typed.test.ts")
	if run.code != 0 || run.report.Summary.Tests.Passed != 3 || run.report.Summary.Tests.Failed != 0 {
		t.Fatalf("exit %d, %+v, want 3 passed:\n%s", run.code, run.report.Summary.Tests, run.out)
	}
	want := map[string]string{
		"raw.test.js":    "",
		"module.test.js": "add jsonrpc 2, nope jsonrpc 1, sleep jsonrpc 2, subscribe jsonrpc 1",
		"typed.test.ts":  "add jsonrpc 2, nope jsonrpc 1, subscribe jsonrpc 1",
	}
	for file, ops := range jsonrpcOperations(run) {
		if ops != want[file] {
			t.Errorf("%s: operations %q, want %q", file, ops, want[file])
		}
	}
}

// jsonrpcOperations returns the latency table of each file of a run, as
// "name protocol count, …" in the report's order.
func jsonrpcOperations(run protocolRun) map[string]string {
	ops := map[string]string{}
	for path, rows := range run.fileOp {
		var list []string
		for _, o := range rows {
			list = append(list, fmt.Sprintf("%s %s %d", o.Name, o.Protocol, o.Count))
		}
		ops[path] = strings.Join(list, ", ")
	}
	return ops
}

// TestJSONRPCCalls runs calls.test.js, every promise of the module against the real server:
// calls, errors, batches, notifications both ways, server requests, over(), bad arguments.
func TestJSONRPCCalls(t *testing.T) {
	url := jsonrpcServer(t)
	run := runJSONRPC(t, url, "calls.test.js")
	if run.code != 0 || run.report.Summary.Tests.Passed != 18 || run.report.Summary.Tests.Failed != 0 {
		t.Fatalf("exit %d, %+v, want 18 passed:\n%s", run.code, run.report.Summary.Tests, run.out)
	}
}

// TestJSONRPCBrokenServerFailsTheTest runs broken.test.js: each frame that breaks JSON-RPC 2.0
// fails its test at once (well before the 5 s expect timeout) with a message that says what
// came, whether or not a call was waiting; the control test after them passes.
func TestJSONRPCBrokenServerFailsTheTest(t *testing.T) {
	url := jsonrpcServer(t)
	start := time.Now()
	run := runJSONRPC(t, url, "broken.test.js")
	if run.code != 1 {
		t.Fatalf("exit %d, want 1:\n%s", run.code, run.out)
	}
	if d := time.Since(start); d > 4*time.Second {
		t.Errorf("took %v: a broken frame waited for a timeout", d)
	}
	const broke = "shaky: the server broke JSON-RPC 2.0: it sent "
	want := map[string]string{
		"a reply to an id no call waits for":                                      broke + `a reply to id 987654, which no call is waiting for: {"jsonrpc": "2.0", "id": 987654, "result": "for nobody"}`,
		"a frame that is not JSON":                                                broke + `a frame that is not JSON: "<html>oops</html>"`,
		`a reply with "jsonrpc": "1.0"`:                                           broke + `a frame whose "jsonrpc" is "1.0", not "2.0": {"jsonrpc": "1.0", "id": 1, "result": "old"}`,
		"a broken frame fails the test even when no call waits":                   broke + "a reply to id 987654, which no call is waiting for",
		"a frame sent by hand that the server cannot parse fails the test":        broke + "a reply with no id, which answers no call: -32700 Parse error",
		"an on handler that throws fails the test; the server is answered -32603": "Error: a bug in the handler",
		"control: a new client on the same server works":                          "",
	}
	checkTests(t, run, want)
	if answer := `→ shaky  {"jsonrpc":"2.0","id":"srv-1","error":{"code":-32603,"message":"Internal error","data":"Error: a bug in the handler"}}`; !strings.Contains(run.out, answer) {
		t.Errorf("the server request whose handler threw was not answered -32603 (want %s in the transcript):\n%s", answer, run.out)
	}
}

// TestJSONRPCTimeoutOutput golden-tests what a user sees when a call, a batch and an
// expectNotification time out: the call with its params, and the notifications that came
// instead, decoded. Durations and ports are masked.
func TestJSONRPCTimeoutOutput(t *testing.T) {
	url := jsonrpcServer(t)
	run := runJSONRPC(t, url, "timeout.test.js")
	if run.code != 1 || run.report.Summary.Tests.Failed != 3 {
		t.Fatalf("exit %d, %+v, want 3 failed:\n%s", run.code, run.report.Summary.Tests, run.out)
	}
	goldentest.Check(t, filepath.Join(jsonrpcDir, "timeout.golden"), maskOutput(run.out))
	// Only what completed is timed: the subscribe calls, not the call and batch that timed out.
	if ops := jsonrpcOperations(run)["timeout.test.js"]; ops != "subscribe jsonrpc 2" {
		t.Errorf("operations %q, want only the two subscribe calls", ops)
	}
}

// TestJSONRPCTrust runs trust.test.js against a server scripted with ws.serve (no Python): a
// server notification named like the key a call or batch waits under ("rpc.reply #1",
// "rpc.batch #1") settles neither; it stays a notification.
func TestJSONRPCTrust(t *testing.T) {
	run := runProtocol(t, jsonrpcDir, nil, "trust.test.js")
	if run.code != 0 {
		t.Fatalf("exit %d, want 0:\n%s", run.code, run.out)
	}
	checkTests(t, run, map[string]string{"a notification named like the key a call waits under settles no call": ""})
}
