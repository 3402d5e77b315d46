package wsruntest_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/runtime/engine"
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

// TestTimeoutFixture is run by TestTimeoutOption in a child `go test`: its one test fails.
func TestTimeoutFixture(t *testing.T) {
	if os.Getenv("WSRUNTEST_FIXTURE") == "" {
		t.Skip("run by TestTimeoutOption in a child process")
	}
	wsruntest.Run(t, "testdata/timeout.test.js", wsruntest.Timeout(200*time.Millisecond))
}

func TestTimeoutOption(t *testing.T) {
	out := child(t, "-run", "^TestTimeoutFixture$")
	if !strings.Contains(out, "--- FAIL: TestTimeoutFixture/sleeps_past_the_timeout") || !strings.Contains(out, "timed out after 200ms") {
		t.Errorf("the JS test should fail at the 200ms Timeout:\n%s", out)
	}
}

// TestOptions passes every other option to Run; each JS test checks that one applied.
func TestOptions(t *testing.T) {
	fixture := engine.ModuleFunc(func(vu engine.VU) (goja.Value, error) {
		return vu.VM().ToValue(map[string]any{"answer": 42}), nil
	})
	wsruntest.Run(t, "testdata/options.test.js",
		wsruntest.Module("host/fixture", fixture),
		wsruntest.With(func(o *engine.Options) { o.Env["FROM_WITH"] = "yes" }),
		wsruntest.Env("FROM_ENV", "yes"),
		wsruntest.ExpectTimeout(150*time.Millisecond))
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
