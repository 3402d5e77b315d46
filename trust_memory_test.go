package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/wsrun/wsrun/runtime/report"
)

// runMemory runs the built binary in testdata/trust/memory and returns its exit code and
// output. A run that does not end in time is killed and fails the test: the hangs these tests
// guard against must not hang the test run too.
func runMemory(t *testing.T, args ...string) (int, string) {
	t.Helper()
	code, out, _ := runMemoryUsage(t, args...)
	return code, out
}

// runMemoryUsage is runMemory that also returns the process's resource usage.
func runMemoryUsage(t *testing.T, args ...string) (int, string, *syscall.Rusage) {
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
	rusage, _ := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if rusage == nil {
		rusage = &syscall.Rusage{}
	}
	return cmd.ProcessState.ExitCode(), out.String(), rusage
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

// A script that allocates without end used to take the machine's memory, or die of Go's
// fatal out-of-memory error with exit 2 and empty report files. With --max-memory the running
// test is stopped and fails, its file's other tests are not run, the other files' results and
// the reports are kept, and the memory is given back to the files after it.
func TestMaxMemoryStopsTheTestThatAllocatesWithoutEnd(t *testing.T) {
	const limit = 128 << 20
	dir := t.TempDir()
	jsonPath, junitPath := filepath.Join(dir, "report.json"), filepath.Join(dir, "junit.xml")
	code, out, rusage := runMemoryUsage(t, "-j", "1", "--max-memory", "128MiB", "-r", "pretty",
		"-r", "json="+jsonPath, "-r", "junit="+junitPath,
		"asynchog.test.js", "control.test.js", "hog.test.js", "survivor.test.js")
	if code != 1 {
		t.Errorf("exit %d, want 1:\n%s", code, out)
	}
	for _, want := range []string{
		"✗ allocates across awaits",
		"✓ control passes",
		"✓ before the hog",
		"✗ allocates without end",
		"○ after the hog (not run: an earlier test used more than 128 MiB (--max-memory), which this file may still hold)",
		"✓ holds a little memory and passes", // the hog's file gave its memory back
		"test used more than 128 MiB and was stopped",
		"--max-memory 256MiB",
		"the rest of this file was not run",
		"Tests: 3 passed, 2 failed, 1 skipped",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "used more than 128 MiB and was stopped"); n != 2 {
		t.Errorf("%d tests stopped for memory, want the 2 hogs:\n%s", n, out)
	}
	// Peak RSS is the heap plus the runtime's own memory, plus what the hog allocates between
	// two samples of the watchdog. That gap is 2 ms on an idle machine, but under go test
	// ./... on 2 busy cores the watchdog's goroutine waits its turn, and 2× the limit was
	// seen exceeded (332 MiB). 4× still tells a bounded run from an unbounded one (before,
	// it reached several GB).
	if rss := rusage.Maxrss << 10; rss > 4*limit {
		t.Errorf("peak RSS %d MiB, want below %d MiB", rss>>20, 4*limit>>20)
	}
	var rep struct {
		Summary struct {
			Tests struct{ Passed, Failed, Skipped int }
		}
	}
	if b, err := os.ReadFile(jsonPath); err != nil || json.Unmarshal(b, &rep) != nil ||
		rep.Summary.Tests.Passed != 3 || rep.Summary.Tests.Failed != 2 || rep.Summary.Tests.Skipped != 1 {
		t.Errorf("JSON report incomplete: %+v, %v\n%s", rep, err, b)
	}
	var suites struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
	}
	if b, err := os.ReadFile(junitPath); err != nil || xml.Unmarshal(b, &suites) != nil || suites.Failures != 2 {
		t.Errorf("JUnit report incomplete: %+v, %v\n%s", suites, err, b)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) > 0 {
		t.Errorf("temporary report files left behind: %v", left)
	}
}

func TestMaxMemoryFlag(t *testing.T) {
	for _, c := range []struct{ arg, want string }{
		{"0", "--max-memory \"0\": the size must be more than 0"},
		{"-1GiB", "the size must be more than 0"},
		{"lots", "want a size like 512MiB, 2GiB or a number of bytes"},
		{"512", `--max-memory "512": is 512 bytes; it must be at least 32MiB (did you mean 512MiB?)`},
	} {
		code, out := runMemory(t, "--max-memory", c.arg, "control.test.js")
		if code != 2 || !strings.Contains(out, c.want) {
			t.Errorf("--max-memory %s: exit %d, want 2 and %q:\n%s", c.arg, code, c.want, out)
		}
	}
	if code, out := runMemory(t, "--max-memory", "1G", "control.test.js"); code != 0 {
		t.Errorf("--max-memory 1G: exit %d, want 0:\n%s", code, out)
	}
}

// A test that logs in a loop keeps at most report.MaxConsole of it, start and end, in every
// report: before, 2 GB of console.log made wsrun peak at 7 GB of memory.
func TestConsoleFloodIsBounded(t *testing.T) {
	dir := t.TempDir()
	code, out, usage := runMemoryUsage(t, "-r", "pretty", "-r", "json="+filepath.Join(dir, "r.json"), "console-flood.test.js")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	doc := readJSONReport(t, filepath.Join(dir, "r.json"), out)
	console := doc.Files[0].Tests[0].Console
	size := 0
	for _, e := range console {
		size += len(e.Text)
	}
	if size > report.MaxConsole+200 || len(out) > 2*report.MaxConsole {
		t.Errorf("kept %d bytes of console output in the JSON report and printed %d, want about %d", size, len(out), report.MaxConsole)
	}
	if len(console) < 3 || console[0].Text != "first line" || console[len(console)-1].Text != "last line" ||
		!strings.Contains(out, "lines (") || !strings.Contains(out, "bytes) of console output left out here") {
		t.Errorf("want the first and last lines and a note of what was left out:\n%.2000s", out)
	}
	if rss := usage.Maxrss << 10; rss > 400<<20 {
		t.Errorf("peak RSS %d MiB for 64 MB of console output", rss>>20)
	}
}
