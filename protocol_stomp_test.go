package main

import (
	"encoding/json"
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
		if os.Getenv("WSRUN_REAL_SERVERS") == "1" {
			t.Fatalf("RabbitMQ is missing (%v): apt-get install rabbitmq-server, or source .ci/servers/stomp.sh, which installs and starts it and exports WSRUN_STOMP_URL", err)
		}
		t.Skipf("RabbitMQ is not installed (%v); apt-get install rabbitmq-server to run the STOMP tests", err)
	}
	dir := t.TempDir()
	cmd := exec.Command(filepath.Join("testdata", "protocols", "stomp", "rabbitmq.sh"), dir)
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

// stompRun runs the binary on fixtures of testdata/protocols/stomp against url.
func stompRun(t *testing.T, url string, files ...string) (exit int, out string, doc jsonReport) {
	t.Helper()
	report := filepath.Join(t.TempDir(), "report.json")
	args := []string{"--color", "never", "-j", "1", "-r", "pretty", "-r", "json=" + report}
	for _, f := range files {
		args = append(args, filepath.Join("testdata", "protocols", "stomp", f))
	}
	cmd := exec.Command(binary(t), args...)
	cmd.Env = append(os.Environ(), "WSRUN_STOMP_URL="+url)
	b, _ := cmd.CombinedOutput()
	return cmd.ProcessState.ExitCode(), string(b), readJSONReport(t, report, string(b))
}

// stompMasks make a failure's output stable: timings, ports, and the names RabbitMQ and the
// fixtures make up per run (queues, sessions, message ids).
var stompMasks = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`127\.0\.0\.1:\d+`), "127.0.0.1:PORT"},
	{regexp.MustCompile(`wsrun-([a-z]+)-[a-z0-9]+`), "wsrun-$1-RANDOM"},
	{regexp.MustCompile(`session-[A-Za-z0-9_-]+`), "session-ID"},
	{regexp.MustCompile(`\d+(\.\d+)?m?s\b`), "Nms"},
	{regexp.MustCompile(`\(\d+ bytes\)`), "(N bytes)"},
}

func TestProtocolSTOMP(t *testing.T) {
	url := stompBroker(t)

	t.Run("module, raw frames and TypeScript", func(t *testing.T) {
		exit, out, doc := stompRun(t, url, "module.test.js", "raw.test.js", filepath.Join("typed", "stomp.test.ts"))
		if exit != 0 || doc.Summary.Tests.Passed != 12 || doc.Summary.Tests.Failed != 0 {
			t.Fatalf("exit %d, %+v; want exit 0 and 12 passed:\n%s", exit, doc.Summary.Tests, out)
		}
	})

	t.Run("latency", func(t *testing.T) {
		report := filepath.Join(t.TempDir(), "report.json")
		cmd := exec.Command(binary(t), "--color", "never", "-r", "json="+report, filepath.Join("testdata", "protocols", "stomp", "latency.test.js"))
		cmd.Env = append(os.Environ(), "WSRUN_STOMP_URL="+url)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("wsrun: %v\n%s", err, out)
		}
		data, err := os.ReadFile(report)
		var doc struct{ Operations []latencyRow }
		if err != nil || json.Unmarshal(data, &doc) != nil {
			t.Fatalf("report.json (%v):\n%s", err, data)
		}
		var got []string
		for _, r := range doc.Operations {
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
		exit, out, doc := stompRun(t, url, "timeout.test.js")
		if exit != 1 || doc.Summary.Tests.Failed != 1 {
			t.Fatalf("exit %d, %+v; want exit 1 and 1 failed:\n%s", exit, doc.Summary.Tests, out)
		}
		for _, m := range stompMasks {
			out = m.re.ReplaceAllString(out, m.with)
		}
		goldentest.Check(t, filepath.Join("testdata", "protocols", "stomp", "golden", "timeout.golden"), out)
	})
}

// TestProtocolSTOMPCodec runs the codec and session checks against brokers scripted with
// ws.serve, so they run without RabbitMQ.
func TestProtocolSTOMPCodec(t *testing.T) {
	exit, out, doc := stompRun(t, "", "codec.test.js", "violation.test.js")
	if exit != 1 || doc.Summary.Tests.Passed != 7 || doc.Summary.Tests.Failed != 1 {
		t.Fatalf("exit %d, %+v; want exit 1, 7 passed and violation.test.js failed:\n%s", exit, doc.Summary.Tests, out)
	}
	for _, f := range doc.Files {
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
