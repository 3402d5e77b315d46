package main

import (
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/wsrun/wsrun/internal/goldentest"
)

// rabbitmqServer is where Debian's rabbitmq-server package puts the server script.
const rabbitmqServer = "/usr/lib/rabbitmq/bin/rabbitmq-server"

// stompBroker returns the web-stomp URL of a RabbitMQ broker: $WSRUN_STOMP_URL when
// .ci/servers/stomp.sh started one, else a node this test starts on free loopback ports and
// stops at its end (about 8 s). Without RabbitMQ the test skips, or fails under
// WSRUN_REAL_SERVERS=1.
func stompBroker(t *testing.T) string {
	t.Helper()
	if url := os.Getenv("WSRUN_STOMP_URL"); url != "" {
		return url
	}
	if _, err := os.Stat(rabbitmqServer); err != nil {
		needReal(t, "RabbitMQ is not installed ("+err.Error()+"; apt-get install rabbitmq-server, or source .ci/servers/stomp.sh, which also starts it and exports WSRUN_STOMP_URL)", "stomp.sh")
	}
	dir := t.TempDir()
	cmd := exec.Command(filepath.Join(stompDir, "rabbitmq.sh"), dir)
	cmd.Env = append(os.Environ(), "STOMP_WS_PORT="+freePort(t), "STOMP_DIST_PORT="+freePort(t))
	out, err := cmd.Output()
	t.Cleanup(func() { stopRabbitMQ(t, dir) })
	if err != nil {
		t.Fatalf("starting RabbitMQ: %v\n%s", err, stderrOf(err))
	}
	return strings.TrimSpace(string(out))
}

func stderrOf(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return string(ee.Stderr)
	}
	return ""
}

// freePort returns a loopback port that was free a moment ago.
func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
}

// stopRabbitMQ stops the node rabbitmq.sh started in its own process group (the pid in
// dir/pid), and waits for it to go so its files can be removed.
func stopRabbitMQ(t *testing.T, dir string) {
	data, err := os.ReadFile(filepath.Join(dir, "pid"))
	if err != nil {
		return
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil || pid <= 1 {
		return
	}
	_ = syscall.Kill(-pid, syscall.SIGTERM)
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if syscall.Kill(-pid, 0) != nil {
			return
		}
	}
	t.Logf("RabbitMQ (process group %d) did not stop after SIGTERM; killing it", pid)
	_ = syscall.Kill(-pid, syscall.SIGKILL)
}

// stompDir holds the STOMP fixtures. They run from the repository's root, so the output
// names them by their paths from there.
var stompDir = filepath.Join("testdata", "protocols", "stomp")

// stompRun runs the binary on fixtures of stompDir against url.
func stompRun(t *testing.T, url string, files ...string) protocolRun {
	t.Helper()
	var paths []string
	for _, f := range files {
		paths = append(paths, filepath.Join(stompDir, f))
	}
	return runProtocol(t, ".", []string{"WSRUN_STOMP_URL=" + url}, paths...)
}

// stompMasks make a failure's output stable beyond protocolMasks: every other duration, and
// the names RabbitMQ and the fixtures make up per run (queues, sessions, message ids).
var stompMasks = []mask{
	{regexp.MustCompile(`wsrun-([a-z]+)-[a-z0-9]+`), "wsrun-$1-RANDOM"},
	{regexp.MustCompile(`session-[A-Za-z0-9_-]+`), "session-ID"},
	{regexp.MustCompile(`\d+(\.\d+)?m?s\b`), "Nms"},
	{regexp.MustCompile(`\(\d+ bytes\)`), "(N bytes)"},
}

func TestProtocolSTOMP(t *testing.T) {
	url := stompBroker(t)

	t.Run("module, raw frames and TypeScript", func(t *testing.T) {
		run := stompRun(t, url, "module.test.js", "raw.test.js", filepath.Join("typed", "stomp.test.ts"))
		if run.code != 0 || run.report.Summary.Tests.Passed != 12 || run.report.Summary.Tests.Failed != 0 {
			t.Fatalf("exit %d, %+v; want exit 0 and 12 passed:\n%s", run.code, run.report.Summary.Tests, run.out)
		}
	})

	t.Run("latency", func(t *testing.T) {
		run := stompRun(t, url, "latency.test.js")
		if run.code != 0 {
			t.Fatalf("exit %d:\n%s", run.code, run.out)
		}
		var got []string
		for _, r := range run.ops {
			checkLatencyRow(t, r)
			got = append(got, r.Protocol+" "+r.Name+"="+strconv.FormatUint(r.Count, 10))
		}
		sort.Strings(got)
		// The subscription's two receipts (SUBSCRIBE, UNSUBSCRIBE) count under its destination.
		want := "stomp /topic/wsrun-latency-sub=2, stomp /topic/wsrun-latency=3, stomp DISCONNECT=1"
		if strings.Join(got, ", ") != want {
			t.Errorf("operations %s, want %s", strings.Join(got, ", "), want)
		}
	})

	t.Run("timeout output", func(t *testing.T) {
		run := stompRun(t, url, "timeout.test.js")
		if run.code != 1 || run.report.Summary.Tests.Failed != 1 {
			t.Fatalf("exit %d, %+v; want exit 1 and 1 failed:\n%s", run.code, run.report.Summary.Tests, run.out)
		}
		goldentest.Check(t, filepath.Join(stompDir, "golden", "timeout.golden"), maskOutput(run.out, stompMasks...))
	})
}

// TestProtocolSTOMPCodec runs the codec and session checks against brokers scripted with
// ws.serve, so they run without RabbitMQ.
func TestProtocolSTOMPCodec(t *testing.T) {
	run := stompRun(t, "", "codec.test.js", "violation.test.js")
	if run.code != 1 || run.report.Summary.Tests.Passed != 13 || run.report.Summary.Tests.Failed != 1 {
		t.Fatalf("exit %d, %+v; want exit 1, 13 passed and violation.test.js failed:\n%s", run.code, run.report.Summary.Tests, run.out)
	}
	for _, f := range run.report.Files {
		for _, tc := range f.Tests {
			if tc.Status != "failed" {
				continue
			}
			want := `bob: stomp: unknown command "HELLO" (a broker sends CONNECTED, MESSAGE, RECEIPT, ERROR)`
			if tc.Name != "a frame that is not STOMP" || tc.Error == nil || !strings.Contains(tc.Error.Message, want) {
				t.Errorf("failed test %q: %+v; want %q", tc.Name, tc.Error, want)
			}
		}
	}
}
