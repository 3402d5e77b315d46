package wsruntest_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/wsrun/wsrun/wsruntest"
)

// TestFixture is run by the tests below in a child `go test`, since its subtests are meant
// to fail.
func TestFixture(t *testing.T) {
	if os.Getenv("WSRUNTEST_FIXTURE") == "" {
		t.Skip("run by TestSubtests in a child process")
	}
	wsruntest.Run(t, "testdata/mixed.test.js")
}

func child(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", append([]string{"test", "-count=1", "-v"}, args...)...)
	cmd.Env = append(os.Environ(), "WSRUNTEST_FIXTURE=1")
	out, _ := cmd.CombinedOutput()
	return string(out)
}

func TestSubtests(t *testing.T) {
	out := child(t, "-run", "^TestFixture$")
	for _, want := range []string{
		"--- PASS: TestFixture/mixed_›_passes",
		"--- FAIL: TestFixture/mixed_›_fails",
		"expect(received).toEqual(expected)",
		`-   "answer": 42,`,
		"hello from a passing test", // -v shows console output of passing tests
		"--- SKIP: TestFixture/mixed_›_is_skipped",
		"--- SKIP: TestFixture/mixed_›_is_planned",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("child output lacks %q:\n%s", want, out)
		}
	}
}

func TestRunSelectsJSTests(t *testing.T) {
	out := child(t, "-run", "^TestFixture$/passes")
	if !strings.Contains(out, "--- PASS: TestFixture/mixed_›_passes") || strings.Contains(out, "toEqual") || !strings.Contains(out, "\nok ") {
		t.Errorf("-run should run only the passing JS test:\n%s", out)
	}
}
