package main

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runMemory runs the built binary in testdata/trust/memory and returns its exit code and
// output. A run that does not end in time is killed and fails the test: the hangs these tests
// guard against must not hang the test run too.
func runMemory(t *testing.T, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(binary(t), append([]string{"--color", "never"}, args...)...)
	cmd.Dir = filepath.Join("testdata", "trust", "memory")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		<-done
		t.Fatalf("wsrun %s did not end within 30s:\n%s", strings.Join(args, " "), out.String())
	}
	return cmd.ProcessState.ExitCode(), out.String()
}

// A timeout message names what the test still waited on; naming a matcher runs its getters,
// which may reserve the loop. That used to deadlock the run for good (SIGINT could not end it).
func TestTimeoutLabelThatReservesDoesNotHang(t *testing.T) {
	code, out := runMemory(t, "labelhang.test.js", "control.test.js")
	if code != 1 {
		t.Errorf("exit %d, want 1:\n%s", code, out)
	}
	for _, want := range []string{
		"test timed out after 300ms; still waiting on 1 × conn1.expect(",
		"✓ runs after the timeout",
		"✓ control passes",
		"Tests: 2 passed, 1 failed",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
