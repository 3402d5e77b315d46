package wsruntest_test

import (
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
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
		// Env after a With that cleared Env (its zero value) panicked on the nil map.
		wsruntest.With(func(o *engine.Options) { o.Env = nil }),
		wsruntest.Env("FROM_ENV", "yes"),
		wsruntest.With(func(o *engine.Options) { o.Env["FROM_WITH"] = "yes" }),
		wsruntest.ExpectTimeout(150*time.Millisecond))
}

func child(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", append([]string{"test", "-count=1", "-v"}, args...)...)
	cmd.Env = append(os.Environ(), "WSRUNTEST_FIXTURE=1")
	out, _ := cmd.CombinedOutput()
	return string(out)
}

// childHas runs the fixture test named fixture in a child `go test -v` and checks that its
// output holds each of wants.
func childHas(t *testing.T, fixture string, wants ...string) {
	t.Helper()
	out := child(t, "-run", "^"+fixture+"$")
	for _, want := range wants {
		if !strings.Contains(out, want) {
			t.Errorf("child output lacks %q:\n%s", want, out)
		}
	}
}

func TestSubtests(t *testing.T) {
	childHas(t, "TestFixture",
		"--- PASS: TestFixture/mixed_›_passes",
		"--- FAIL: TestFixture/mixed_›_fails",
		"expect(received).toEqual(expected)",
		`-   "answer": 42,`,
		"hello from a passing test", // -v shows console output of passing tests
		"--- SKIP: TestFixture/mixed_›_is_skipped",
		"--- SKIP: TestFixture/mixed_›_is_planned",
	)
}

func TestRunSelectsJSTests(t *testing.T) {
	out := child(t, "-run", "^TestFixture$/passes")
	if !strings.Contains(out, "--- PASS: TestFixture/mixed_›_passes") || strings.Contains(out, "toEqual") || !strings.Contains(out, "\nok ") {
		t.Errorf("-run should run only the passing JS test:\n%s", out)
	}
}

// TestNamesakesFixture is run by TestNamesakes in a child `go test`: its first test fails.
func TestNamesakesFixture(t *testing.T) {
	if os.Getenv("WSRUNTEST_FIXTURE") == "" {
		t.Skip("run by TestNamesakes in a child process")
	}
	wsruntest.Run(t, "testdata/namesakes.test.js")
}

// Two JS tests with one name (a copied test, test.each without %s in the name) were one key:
// both subtests reported the result of the last, so a failing first test passed.
func TestNamesakes(t *testing.T) {
	childHas(t, "TestNamesakesFixture",
		"--- FAIL: TestNamesakesFixture/same_name ",
		"--- PASS: TestNamesakesFixture/same_name#01 ",
		`the first test named "same name" fails`,
		"\nFAIL\n",
	)
}

// runCountingLoads runs file's tests with a host module "host/loads" whose load field counts
// the loads of the file: the first is wsruntest's listing, the second the run.
func runCountingLoads(t *testing.T, file string) {
	var loads atomic.Int64
	counter := engine.ModuleFunc(func(vu engine.VU) (goja.Value, error) {
		return vu.VM().ToValue(map[string]any{"load": loads.Add(1)}), nil
	})
	wsruntest.Run(t, file, wsruntest.Module("host/loads", counter))
}

// TestChangingTestsFixture is run by TestChangingTests in a child `go test`.
func TestChangingTestsFixture(t *testing.T) {
	if os.Getenv("WSRUNTEST_FIXTURE") == "" {
		t.Skip("run by TestChangingTests in a child process")
	}
	runCountingLoads(t, "testdata/changes.test.js")
}

// TestBreaksWhenRunFixture is run by TestBreaksWhenRun in a child `go test`.
func TestBreaksWhenRunFixture(t *testing.T) {
	if os.Getenv("WSRUNTEST_FIXTURE") == "" {
		t.Skip("run by TestBreaksWhenRun in a child process")
	}
	runCountingLoads(t, "testdata/breaks.test.js")
}

// A file that loads when listed and fails to load when run: its subtests say that the file
// failed, not that it may declare other tests, and the parent shows the error.
func TestBreaksWhenRun(t *testing.T) {
	childHas(t, "TestBreaksWhenRunFixture",
		"--- FAIL: TestBreaksWhenRunFixture/listed ",
		"not run: its file failed before this test could run (see the parent test's output)",
		"the file breaks when it runs",
		"\nFAIL\n",
	)
}

// A file that declares other tests when it runs than when wsruntest listed it: the failure of
// a test no subtest stands for used to be dropped, and a listed test that never ran was
// skipped, so go test passed.
func TestChangingTests(t *testing.T) {
	childHas(t, "TestChangingTestsFixture",
		"--- PASS: TestChangingTestsFixture/stable ",
		`a second "stable", declared only when the file runs`,
		"--- FAIL: TestChangingTestsFixture/renamed_on_every_load_1 ",
		"not run: the run reported no result for this test",
		"\nFAIL\n",
	)
}
