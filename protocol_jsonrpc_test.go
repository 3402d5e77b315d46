package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
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
		const msg = "no python3 with the websockets package (Debian: apt-get install -y python3-websockets)"
		if os.Getenv("WSRUN_REAL_SERVERS") == "1" {
			t.Fatal(msg + "; WSRUN_REAL_SERVERS=1 asks for every real server")
		}
		t.Skip(msg)
	}
	cmd := exec.Command(python, filepath.Join(jsonrpcDir, "server.py"), "0")
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
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if u, ok := strings.CutPrefix(sc.Text(), "listening on "); ok {
				found <- u
				return
			}
		}
		close(found)
	}()
	select {
	case u, ok := <-found:
		if !ok {
			t.Fatalf("server.py exited without its address:\n%s", stderr.String())
		}
		return u
	case <-time.After(10 * time.Second):
		t.Fatalf("server.py printed no address in 10s:\n%s", stderr.String())
	}
	return ""
}

// runJSONRPC runs the binary on scripts of the fixture folder against the server at url,
// with a JSON report, and returns the report, the output, the exit status and the report's
// path.
func runJSONRPC(t *testing.T, url string, args ...string) (jsonReport, string, int, string) {
	t.Helper()
	jsonPath := filepath.Join(t.TempDir(), "report.json")
	cmd := exec.Command(binary(t), append([]string{"--color", "never", "-r", "json=" + jsonPath}, args...)...)
	cmd.Dir = jsonrpcDir
	cmd.Env = append(os.Environ(), "JSONRPC_URL="+url)
	out, _ := cmd.CombinedOutput()
	return readJSONReport(t, jsonPath, string(out)), string(out), cmd.ProcessState.ExitCode(), jsonPath
}

// TestJSONRPCRawAndModule runs the same scenario twice against the real server, with raw
// frames and with wsrun/jsonrpc, and once more from TypeScript. All pass, and each call and
// batch entry the module made is timed under its method (notifications are not: nothing
// answers them); the raw frames are not timed.
func TestJSONRPCRawAndModule(t *testing.T) {
	url := jsonrpcServer(t)
	doc, out, code, jsonPath := runJSONRPC(t, url, "raw.test.js", "module.test.js", "typed.test.ts")
	if code != 0 || doc.Summary.Tests.Passed != 3 || doc.Summary.Tests.Failed != 0 {
		t.Fatalf("exit %d, %+v, want 3 passed:\n%s", code, doc.Summary.Tests, out)
	}
	want := map[string]string{
		"raw.test.js":    "",
		"module.test.js": "add jsonrpc 2, nope jsonrpc 1, sleep jsonrpc 2, subscribe jsonrpc 1",
		"typed.test.ts":  "add jsonrpc 2, nope jsonrpc 1, subscribe jsonrpc 1",
	}
	for file, ops := range jsonrpcOperations(t, jsonPath) {
		if ops != want[file] {
			t.Errorf("%s: operations %q, want %q", file, ops, want[file])
		}
	}
}

// jsonrpcOperations reads the latency table of each file of a JSON report, as
// "name protocol count, …" in the report's order.
func jsonrpcOperations(t *testing.T, path string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Files []struct {
			Path       string
			Operations []struct {
				Name, Protocol string
				Count          int
			}
		}
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	ops := map[string]string{}
	for _, f := range doc.Files {
		var list []string
		for _, o := range f.Operations {
			list = append(list, fmt.Sprintf("%s %s %d", o.Name, o.Protocol, o.Count))
		}
		ops[f.Path] = strings.Join(list, ", ")
	}
	return ops
}

// TestJSONRPCCalls runs calls.test.js, every promise of the module against the real server:
// calls, errors, batches, notifications both ways, server requests, over(), bad arguments.
func TestJSONRPCCalls(t *testing.T) {
	url := jsonrpcServer(t)
	doc, out, code, _ := runJSONRPC(t, url, "calls.test.js")
	if code != 0 || doc.Summary.Tests.Passed != 18 || doc.Summary.Tests.Failed != 0 {
		t.Fatalf("exit %d, %+v, want 18 passed:\n%s", code, doc.Summary.Tests, out)
	}
}

// TestJSONRPCBrokenServerFailsTheTest runs broken.test.js: each frame that breaks JSON-RPC 2.0
// fails its test at once (well before the 5 s expect timeout) with a message that says what
// came, whether or not a call was waiting; the control test after them passes.
func TestJSONRPCBrokenServerFailsTheTest(t *testing.T) {
	url := jsonrpcServer(t)
	start := time.Now()
	doc, out, code, _ := runJSONRPC(t, url, "broken.test.js")
	if code != 1 {
		t.Fatalf("exit %d, want 1:\n%s", code, out)
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
	jsonrpcCheckTests(t, doc, out, want)
	if answer := `→ shaky  {"jsonrpc":"2.0","id":"srv-1","error":{"code":-32603,"message":"Internal error","data":"Error: a bug in the handler"}}`; !strings.Contains(out, answer) {
		t.Errorf("the server request whose handler threw was not answered -32603 (want %s in the transcript):\n%s", answer, out)
	}
}

// jsonrpcCheckTests checks that the report has exactly the tests of want, each passed when
// want says "" and else failed with a message that contains what want says.
func jsonrpcCheckTests(t *testing.T, doc jsonReport, out string, want map[string]string) {
	t.Helper()
	seen := 0
	for _, f := range doc.Files {
		for _, test := range f.Tests {
			w, ok := want[test.Name]
			if !ok {
				t.Errorf("unexpected test %q", test.Name)
				continue
			}
			seen++
			switch {
			case w == "" && test.Status != "passed":
				t.Errorf("%q: %s, want passed", test.Name, test.Status)
			case w != "" && (test.Status != "failed" || test.Error == nil):
				t.Errorf("%q: %s, want failed", test.Name, test.Status)
			case w != "" && !strings.Contains(test.Error.Message, w):
				t.Errorf("%q failed with\n%s\nwant it to contain\n%s", test.Name, test.Error.Message, w)
			}
		}
	}
	if seen != len(want) {
		t.Errorf("saw %d of the %d tests:\n%s", seen, len(want), out)
	}
}

// TestJSONRPCTimeoutOutput golden-tests what a user sees when a call, a batch and an
// expectNotification time out: the call with its params, and the notifications that came
// instead, decoded. Durations and ports are masked.
func TestJSONRPCTimeoutOutput(t *testing.T) {
	url := jsonrpcServer(t)
	doc, out, code, jsonPath := runJSONRPC(t, url, "timeout.test.js")
	if code != 1 || doc.Summary.Tests.Failed != 3 {
		t.Fatalf("exit %d, %+v, want 3 failed:\n%s", code, doc.Summary.Tests, out)
	}
	goldentest.Check(t, filepath.Join(jsonrpcDir, "timeout.golden"), jsonrpcMask(out))
	// Only what completed is timed: the subscribe calls, not the call and batch that timed out.
	if ops := jsonrpcOperations(t, jsonPath)["timeout.test.js"]; ops != "subscribe jsonrpc 2" {
		t.Errorf("operations %q, want only the two subscribe calls", ops)
	}
}

// jsonrpcMask replaces what changes from run to run in the output: durations of tests and
// files, transcript offsets and the server's port. Timeouts the scripts chose stay.
func jsonrpcMask(out string) string {
	for _, m := range []struct{ re, with string }{
		{`\((\d+ms|\d+\.\d+s)\)`, "(…)"},
		{`\+\d+\.\d+s`, "+…s"},
		{`(?m)^Time:.*$`, "Time: …"},
		{`127\.0\.0\.1:\d+`, "127.0.0.1:PORT"},
	} {
		out = regexp.MustCompile(m.re).ReplaceAllString(out, m.with)
	}
	return out
}
