package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
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

func TestInterruptStopsTheRunAndKeepsReports(t *testing.T) {
	report := filepath.Join(t.TempDir(), "report.txt")
	cmd := exec.Command(binary(t), "--color", "never", "-r", "pretty="+report, "slow.test.js", "names.test.js", "-j", "1")
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
}

func TestExamplesPassThroughTheBinary(t *testing.T) {
	cmd := exec.Command(binary(t), "--color", "never", "scripts")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("wsrun scripts: %v\n%s", err, out)
	}
}
