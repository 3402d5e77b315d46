package main

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The helpers of the protocol tests (protocol_*_test.go): the rule for real servers, a real
// server started as a subprocess that prints its address, a run of fixtures through the
// binary with its JSON report, and the masks that make failure output a stable golden.

// needReal skips the test because a real server's software is missing, or fails it under
// WSRUN_REAL_SERVERS=1 (CI, where ciScript, a file of .ci/servers/, installs it). missing says
// what is missing and how to install it.
func needReal(t *testing.T, missing, ciScript string) {
	t.Helper()
	if os.Getenv("WSRUN_REAL_SERVERS") == "1" {
		t.Fatalf("WSRUN_REAL_SERVERS=1 but %s (.ci/servers/%s installs it)", missing, ciScript)
	}
	t.Skipf("no real server: %s", missing)
}

// needNodePackages returns dir, a fixture folder with a package-lock.json, once node and the
// npm packages pkgs are installed there; else needReal.
func needNodePackages(t *testing.T, dir, ciScript string, pkgs ...string) string {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		needReal(t, "node is not installed", "00-node.sh")
	}
	for _, pkg := range pkgs {
		if _, err := os.Stat(filepath.Join(dir, "node_modules", pkg, "package.json")); err != nil {
			needReal(t, "npm package "+pkg+" is not installed in "+dir+" (npm ci --prefix "+dir+")", ciScript)
		}
	}
	return dir
}

// startServer starts cmd, a server that prints its address, and returns what follows prefix
// on the first line of its stdout that starts with prefix ("listening on "; "" takes the
// first line). At the test's end its stdin closes (the node servers exit then), it gets an
// interrupt, and a kill 5 s later; its stderr is logged when the test failed.
func startServer(t *testing.T, cmd *exec.Cmd, prefix string) string {
	t.Helper()
	name := strings.Join(cmd.Args, " ")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr := &syncBuffer{}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	t.Cleanup(func() {
		stdin.Close()
		_ = cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
		if t.Failed() && stderr.String() != "" {
			t.Logf("%s stderr:\n%s", name, stderr.String())
		}
	})
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if rest, ok := strings.CutPrefix(sc.Text(), prefix); ok {
				found <- rest
				for sc.Scan() { // keep draining so the server never blocks on a full pipe
				}
				return
			}
		}
		close(found)
	}()
	select {
	case addr, ok := <-found:
		if !ok || addr == "" {
			t.Fatalf("%s ended its output without a line %q…; stderr:\n%s", name, prefix, stderr.String())
		}
		return addr
	case <-time.After(20 * time.Second):
		t.Fatalf("%s printed no line %q… within 20s; stderr:\n%s", name, prefix, stderr.String())
	}
	return ""
}

// protocolRun is one run of the binary on protocol fixtures.
type protocolRun struct {
	out    string
	code   int
	report jsonReport
	ops    []latencyRow            // the run's latency table
	fileOp map[string][]latencyRow // each file's, by its path in the report
}

// runProtocol runs the binary in dir on args (fixtures, maybe flags), one file at a time, with
// env added to the test's own, the pretty output and a JSON report.
func runProtocol(t *testing.T, dir string, env []string, args ...string) protocolRun {
	t.Helper()
	jsonPath := filepath.Join(t.TempDir(), "report.json")
	cmd := exec.Command(binary(t), append([]string{"--color", "never", "-j", "1", "-r", "pretty", "-r", "json=" + jsonPath}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, _ := cmd.CombinedOutput()
	run := protocolRun{out: string(out), code: cmd.ProcessState.ExitCode(), report: readJSONReport(t, jsonPath, string(out))}
	// The latency tables, which jsonReport leaves out.
	var ops struct {
		Operations []latencyRow
		Files      []struct {
			Path       string
			Operations []latencyRow
		}
	}
	data, err := os.ReadFile(jsonPath)
	if err == nil {
		err = json.Unmarshal(data, &ops)
	}
	if err != nil {
		t.Fatalf("the JSON report's operations: %v", err)
	}
	run.ops, run.fileOp = ops.Operations, map[string][]latencyRow{}
	for _, f := range ops.Files {
		run.fileOp[f.Path] = f.Operations
	}
	return run
}

// opCounts returns the run's operation counts of protocol by name, or of every protocol by
// "protocol name" when protocol is "".
func (r protocolRun) opCounts(protocol string) map[string]int {
	counts := map[string]int{}
	for _, o := range r.ops {
		switch protocol {
		case "":
			counts[o.Protocol+" "+o.Name] += int(o.Count)
		case o.Protocol:
			counts[o.Name] += int(o.Count)
		}
	}
	return counts
}

// mask replaces what changes from run to run in a golden's output.
type mask struct {
	re   *regexp.Regexp
	with string
}

// protocolMasks are the masks of every protocol golden: the servers' ports, the durations of
// tests and files, transcript offsets and the run's time. The timeouts scripts chose stay.
var protocolMasks = []mask{
	{regexp.MustCompile(`127\.0\.0\.1:\d+`), "127.0.0.1:PORT"},
	{regexp.MustCompile(`\(\d+(\.\d+)?m?s\)`), "(Nms)"},
	{regexp.MustCompile(`\+\d+\.\d+s`), "+N.NNNs"},
	{regexp.MustCompile(`(?m)^Time:.*$`), "Time: N"},
}

// maskOutput applies protocolMasks, then the test's own masks, to out.
func maskOutput(out string, own ...mask) string {
	for _, m := range append(protocolMasks[:len(protocolMasks):len(protocolMasks)], own...) {
		out = m.re.ReplaceAllString(out, m.with)
	}
	return out
}

// checkTests checks that a run's report has exactly the tests of want, by name, each passed
// when want says "" and else failed with a message that contains what want says.
func checkTests(t *testing.T, run protocolRun, want map[string]string) {
	t.Helper()
	seen := 0
	for _, f := range run.report.Files {
		for _, tr := range f.Tests {
			w, ok := want[tr.Name]
			if !ok {
				t.Errorf("unexpected test %q", tr.Name)
				continue
			}
			seen++
			msg := ""
			for _, e := range tr.Errors {
				msg += e.Message + "\n"
			}
			if msg == "" && tr.Error != nil {
				msg = tr.Error.Message
			}
			switch {
			case w == "" && tr.Status != "passed":
				t.Errorf("%q: %s, want passed:\n%s", tr.Name, tr.Status, msg)
			case w != "" && (tr.Status != "failed" || !strings.Contains(msg, w)):
				t.Errorf("%q: %s with\n%s\nwant failed with %q", tr.Name, tr.Status, msg, w)
			}
		}
	}
	if seen != len(want) {
		t.Errorf("saw %d of the %d tests:\n%s", seen, len(want), run.out)
	}
}
