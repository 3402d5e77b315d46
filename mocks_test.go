package main

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/wsrun/wsrun/internal/goldentest"
)

// mockTimesRE and mockPortRE match what varies between runs of the binary.
var (
	mockTimesRE = regexp.MustCompile(`\d+(\.\d+)?m?s\b`)
	mockPortRE  = regexp.MustCompile(`127\.0\.0\.1:\d+`)
)

// TestMockFunctionsThroughTheBinary runs the mock-function fixtures: mocks and spies as ws
// handlers over real sockets (handlers.test.js asserts its own behaviour), and a failing
// toHaveBeenCalledWith whose message, diff included, is compared with a golden file.
func TestMockFunctionsThroughTheBinary(t *testing.T) {
	dir := filepath.Join("testdata", "mocks")
	cmd := exec.Command(binary(t), "--color", "never", "-j", "1", dir)
	out, _ := cmd.CombinedOutput()
	if code := cmd.ProcessState.ExitCode(); code != 1 {
		t.Fatalf("exit code %d, want 1 (fail.test.js fails):\n%s", code, out)
	}
	got := mockPortRE.ReplaceAllString(mockTimesRE.ReplaceAllString(string(out), "T"), "127.0.0.1:PORT")
	goldentest.Check(t, filepath.Join(dir, "mocks.golden"), got)
}
