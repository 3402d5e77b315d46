package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// binary builds wsrun once per test run, so tests can exercise the real process: signals,
// exit status, start-up.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "wsrun-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "wsrun")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = errors.New(string(out))
		}
	})
	if buildErr != nil {
		t.Fatalf("go build: %v", buildErr)
	}
	return binPath
}

// jsonReport is the part of the JSON report (-r json=PATH) the tests through the binary read.
type jsonReport struct {
	Files []struct {
		Path, Status string
		Tests        []struct {
			Name, FullName, Status, Reason string
			Error                          *struct{ Message string }
			Errors                         []struct{ Message string }
			Console                        []struct{ Level, Text string }
		}
	}
	Summary struct {
		Interrupted bool
		Tests       struct{ Passed, Failed, Skipped int }
	}
}

// readJSONReport reads the JSON report at path, or fails the test showing out, the run's
// output, when it is missing or does not parse.
func readJSONReport(t *testing.T, path, out string) jsonReport {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no JSON report (%v):\n%s", err, out)
	}
	var doc jsonReport
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("the JSON report does not parse (%v):\n%s\noutput:\n%s", err, data, out)
	}
	return doc
}

func TestInterruptStopsTheRunAndKeepsReports(t *testing.T) {
	dir := t.TempDir()
	report := filepath.Join(dir, "report.txt")
	junit, jsonPath := filepath.Join(dir, "junit.xml"), filepath.Join(dir, "report.json")
	cmd := exec.Command(binary(t), "--color", "never", "-r", "pretty="+report, "-r", "junit="+junit, "-r", "json="+jsonPath,
		"slow.test.js", "names.test.js", "-j", "1")
	cmd.Dir = filepath.Join("testdata", "cli")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(700 * time.Millisecond) // let the slow test start; it sleeps for 20s
	_ = cmd.Process.Signal(syscall.SIGINT)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("wsrun did not stop after SIGINT:\n%s", out.String())
	}
	if code := cmd.ProcessState.ExitCode(); code != 130 {
		t.Errorf("exit %d, want 130:\n%s", code, out.String())
	}
	for _, want := range []string{"the run was interrupted", "Interrupted", "Tests: "} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	written, err := os.ReadFile(report)
	if err != nil || !strings.Contains(string(written), "Tests: ") {
		t.Errorf("report file incomplete (%v):\n%s", err, written)
	}
	// The machine-readable reports are whole documents that parse.
	data, err := os.ReadFile(junit)
	var suites struct {
		Suites []struct{ Name string } `xml:"testsuite"`
	}
	if err != nil || xml.Unmarshal(data, &suites) != nil || len(suites.Suites) != 2 {
		t.Errorf("junit report after SIGINT (%v):\n%s", err, data)
	}
	data, err = os.ReadFile(jsonPath)
	var doc struct {
		Files   []struct{ Path string } `json:"files"`
		Summary struct {
			Interrupted bool `json:"interrupted"`
		} `json:"summary"`
	}
	if err != nil || json.Unmarshal(data, &doc) != nil || len(doc.Files) != 2 || !doc.Summary.Interrupted {
		t.Errorf("json report after SIGINT (%v):\n%s", err, data)
	}
}

func TestExamplesPassThroughTheBinary(t *testing.T) {
	cmd := exec.Command(binary(t), "--color", "never", "scripts")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("wsrun scripts: %v\n%s", err, out)
	}
}

func TestServeUntilSIGTERM(t *testing.T) {
	cmd := exec.Command(binary(t), "serve", "-v", filepath.Join("testdata", "serve", "mock.js"))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var url string
	var seen []string
	deadline := time.After(10 * time.Second)
	for url == "" {
		select {
		case l := <-lines:
			seen = append(seen, l)
			if u, ok := strings.CutPrefix(l, "listening on "); ok {
				url = u
			}
		case <-deadline:
			t.Fatalf("no URL printed; stdout %q stderr %s", seen, stderr.String())
		}
	}
	conn, _, err := websocket.DefaultDialer.Dial(url, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, msg, err := conn.ReadMessage(); err != nil || string(msg) != `{"type":"hello"}` {
		t.Fatalf("first message %q, %v", msg, err)
	}
	_ = conn.WriteMessage(websocket.TextMessage, []byte("hi"))
	if _, msg, err := conn.ReadMessage(); err != nil || string(msg) != `{"echo":"hi"}` {
		t.Fatalf("echo %q, %v", msg, err)
	}
	// A handler that throws is reported, and the server goes on.
	_ = conn.WriteMessage(websocket.TextMessage, []byte("boom"))
	_ = conn.WriteMessage(websocket.TextMessage, []byte("still there?"))
	if _, msg, err := conn.ReadMessage(); err != nil || string(msg) != `{"echo":"still there?"}` {
		t.Fatalf("after a handler error: %q, %v", msg, err)
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, _, err = conn.ReadMessage()
	var ce *websocket.CloseError
	if !errors.As(err, &ce) || ce.Code != 1001 {
		t.Errorf("want a 1001 close after SIGTERM, got %v", err)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("wsrun serve exited with %v; stderr %s", err, stderr.String())
	}
	// Stopping a server is what the signal is for; no test hooks wait (a run's notice did).
	if strings.Contains(stderr.String(), "hooks") {
		t.Errorf("stderr speaks of hooks after SIGTERM: %s", stderr.String())
	}
	var rest []string
	for l := range lines {
		rest = append(rest, l)
	}
	out := strings.Join(append(seen, rest...), "\n")
	for _, want := range []string{"← server:conn1  hi", "→ server:conn1  {\"echo\":\"hi\"}", "log: client connected from", "error: Error: handler blew up", "stopped: every connection was closed with 1001"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
