package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
// with a JSON report, and returns the report and the output.
func runJSONRPC(t *testing.T, url string, args ...string) (jsonReport, string, int) {
	t.Helper()
	jsonPath := filepath.Join(t.TempDir(), "report.json")
	cmd := exec.Command(binary(t), append([]string{"--color", "never", "-r", "json=" + jsonPath}, args...)...)
	cmd.Dir = jsonrpcDir
	cmd.Env = append(os.Environ(), "JSONRPC_URL="+url)
	out, _ := cmd.CombinedOutput()
	return readJSONReport(t, jsonPath, string(out)), string(out), cmd.ProcessState.ExitCode()
}

// TestJSONRPCRawAndModule runs the same scenario twice against the real server: with raw
// frames and with wsrun/jsonrpc. Both pass.
func TestJSONRPCRawAndModule(t *testing.T) {
	url := jsonrpcServer(t)
	doc, out, code := runJSONRPC(t, url, "raw.test.js", "module.test.js")
	if code != 0 || doc.Summary.Tests.Passed != 2 || doc.Summary.Tests.Failed != 0 {
		t.Fatalf("exit %d, %+v, want 2 passed:\n%s", code, doc.Summary.Tests, out)
	}
}
