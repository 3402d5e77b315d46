package main

import (
	"io"
	"net"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/wsrun/wsrun/transport/transporttest"
)

// transportRun is what one run of the binary against hostile peers produced.
type transportRun struct {
	exit   int
	out    string
	maxRSS int64 // bytes
	tests  map[string]transportResult
}

type transportResult struct {
	file, status, message string
}

// runHostile runs the binary on a hostile fixture and the control file in one run, with env
// passed as -e KEY=VALUE, and reads its JSON report.
func runHostile(t *testing.T, fixture string, env map[string]string) transportRun {
	t.Helper()
	dir := filepath.Join("testdata", "trust", "transport")
	report := filepath.Join(t.TempDir(), "report.json")
	args := []string{"--color", "never", "-r", "pretty", "-r", "json=" + report}
	for k, v := range env {
		args = append(args, "-e", k+"="+v)
	}
	args = append(args, filepath.Join(dir, fixture), filepath.Join(dir, "control.test.js"))
	cmd := exec.Command(binary(t), args...)
	out, _ := cmd.CombinedOutput()
	run := transportRun{exit: cmd.ProcessState.ExitCode(), out: string(out), tests: map[string]transportResult{}}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		run.maxRSS = int64(ru.Maxrss) << 10 // KiB on Linux
	}
	doc := readJSONReport(t, report, run.out)
	for _, f := range doc.Files {
		for _, tc := range f.Tests {
			r := transportResult{file: filepath.Base(f.Path), status: tc.Status}
			if tc.Error != nil {
				r.message = tc.Error.Message
			}
			run.tests[tc.Name] = r
		}
	}
	return run
}

// expectHostileFailures checks exit 1, that each named test failed with a message holding
// its text, and that the control file passed.
func (run transportRun) expectHostileFailures(t *testing.T, want map[string]string) {
	t.Helper()
	if run.exit != 1 {
		t.Errorf("exit %d, want 1", run.exit)
	}
	for name, text := range want {
		r, ok := run.tests[name]
		switch {
		case !ok:
			t.Errorf("test %q not in the report", name)
		case r.status != "failed":
			t.Errorf("test %q %s, want failed", name, r.status)
		case !strings.Contains(r.message, text):
			t.Errorf("test %q failed with\n  %s\nwant it to say %q", name, r.message, text)
		}
	}
	if r := run.tests["a well-behaved echo round trip still passes"]; r.status != "passed" {
		t.Errorf("the control file's test %s (%s)", r.status, r.message)
	}
	if t.Failed() {
		t.Logf("output:\n%s", run.out)
	}
}

// maxHostileRSS bounds the binary's peak memory against a hostile peer: a deflate bomb cost
// 3 GB before inflation was bounded, a non-reading peer 1 GB before sends were capped.
const maxHostileRSS = 512 << 20

func TestTransportDeflateBombThroughTheBinary(t *testing.T) {
	t.Run("client", func(t *testing.T) {
		run := runHostile(t, "bomb-client.test.js", map[string]string{"BOMB": transporttest.NewHostile(t, transporttest.Bomb(1<<30))})
		run.expectHostileFailures(t, map[string]string{
			"a deflate bomb from the server": "conn1: expect failed: the connection closed with 1009 message too big: message exceeds maxMessageSize of 33554432 bytes after decompression",
		})
		if run.maxRSS > maxHostileRSS {
			t.Errorf("peak RSS %d MiB, want under %d MiB", run.maxRSS>>20, maxHostileRSS>>20)
		}
	})
	t.Run("ws.serve", func(t *testing.T) {
		run := runHostile(t, "bomb-serve.test.js", map[string]string{"ATTACKER": transporttest.NewAttacker(t, transporttest.Bomb(1<<30))})
		run.expectHostileFailures(t, map[string]string{
			"a deflate bomb from a client of ws.serve": "server:conn1: expect failed: the connection closed with 1009 message too big: message exceeds maxMessageSize of 33554432 bytes after decompression",
		})
		if run.maxRSS > maxHostileRSS {
			t.Errorf("peak RSS %d MiB, want under %d MiB", run.maxRSS>>20, maxHostileRSS>>20)
		}
	})
}

func TestTransportInvalidUTF8ThroughTheBinary(t *testing.T) {
	run := runHostile(t, "bad-utf8.test.js", map[string]string{
		"BAD_UTF8": transporttest.NewHostile(t, transporttest.InvalidUTF8),
		"ATTACKER": transporttest.NewAttacker(t, transporttest.InvalidUTF8),
	})
	run.expectHostileFailures(t, map[string]string{
		"a text frame that is not UTF-8":                   "conn1: expect failed: the connection closed with 1007 invalid payload data: received a text message that is not valid UTF-8 (first bad byte at offset 3 of 7)",
		"a text frame that is not UTF-8, sent to ws.serve": "server:conn1: expect failed: the connection closed with 1007 invalid payload data: received a text message that is not valid UTF-8 (first bad byte at offset 3 of 7)",
	})
}

func TestTransportNeverReadingServerThroughTheBinary(t *testing.T) {
	run := runHostile(t, "never-read.test.js", map[string]string{
		"NEVER_READ": transporttest.NewHostile(t, transporttest.NeverRead),
		"ATTACKER":   transporttest.NewAttacker(t, transporttest.NeverRead),
	})
	run.expectHostileFailures(t, map[string]string{
		"1000 sends of 1 MiB to a server that never reads": "conn1: cannot send 1 MiB (1048576 bytes): ",
	})
	if r := run.tests["1000 sends of 1 MiB to a server that never reads"]; !strings.Contains(r.message, "and maxBuffered is 64 MiB (67108864 bytes); the peer is not reading, or not fast enough. Wait for conn.bufferedAmount to drop, or raise maxBuffered in the options of ws.connect") {
		t.Errorf("message: %s", r.message)
	}
	for _, name := range []string{"bufferedAmount shows what waits, and the throw can be caught", "ws.serve: maxBuffered caps what waits for a client that never reads"} {
		if r := run.tests[name]; r.status != "passed" {
			t.Errorf("test %q %s: %s", name, r.status, r.message)
		}
	}
	if run.maxRSS > maxHostileRSS {
		t.Errorf("peak RSS %d MiB, want under %d MiB", run.maxRSS>>20, maxHostileRSS>>20)
	}
}

func TestTransportBadFramesThroughTheBinary(t *testing.T) {
	run := runHostile(t, "bad-frames.test.js", map[string]string{
		"HUGE_LENGTH":     transporttest.NewHostile(t, transporttest.HugeLength),
		"SHORT_FRAME":     transporttest.NewHostile(t, transporttest.ShortFrame),
		"RESET":           transporttest.NewHostile(t, transporttest.ResetMidFrame),
		"RESERVED_BITS":   transporttest.NewHostile(t, transporttest.ReservedBits),
		"RESERVED_OPCODE": transporttest.NewHostile(t, transporttest.ReservedOpcode),
	})
	run.expectHostileFailures(t, map[string]string{
		"a 64-bit length with the high bit set": "the connection closed with 1009 message too big: message exceeds maxMessageSize of 33554432 bytes",
		"a frame cut short by EOF":              "the connection closed with 1006 abnormal closure: connection lost: the peer went away without a close frame",
		"a reset mid-frame":                     "the connection closed with 1006 abnormal closure: connection lost",
		"a reserved bit":                        "the connection closed with 1002 protocol error: the peer broke the WebSocket protocol: RSV2 set",
		"a reserved opcode":                     "the connection closed with 1002 protocol error: the peer broke the WebSocket protocol: bad opcode 3",
	})
}

func TestTransportDeeplyNestedJSONThroughTheBinary(t *testing.T) {
	run := runHostile(t, "deep-json.test.js", nil)
	run.expectHostileFailures(t, map[string]string{
		"parse 'json': a frame nested too deep fails the test":     "conn2: received a text frame that is not JSON, but the connection was opened with parse: 'json': it nests arrays and objects deeper than 10000 levels, more than wsrun parses",
		"fetch(…).json() of a body nested too deep fails the test": "the response body is not JSON: JSON.parse: the text nests arrays and objects deeper than 10000 levels, more than wsrun parses",
	})
	for _, name := range []string{"parse auto: a frame nested too deep arrives as text", "JSON.parse of text nested too deep throws a RangeError"} {
		if r := run.tests[name]; r.status != "passed" {
			t.Errorf("%q %s: %s", name, r.status, r.message)
		}
	}
}

// TestFetchKeepsAMisbehavingServerOutOfStderr: a server that sent bytes after a 204 made
// net/http's client log "Unsolicited response received on idle HTTP channel starting with …"
// to stderr through the standard logger, those bytes included, past redaction.
func TestFetchKeepsAMisbehavingServerOutOfStderr(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				_, _ = c.Read(make([]byte, 4096))
				_, _ = io.WriteString(c, "HTTP/1.1 204 No Content\r\nContent-Length: 22\r\n\r\ntoken=SECRETSECRET1234")
				_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
				_, _ = c.Read(make([]byte, 1))
			}()
		}
	}()
	dir := t.TempDir()
	write(t, filepath.Join(dir, "f.test.js"), []byte("test('t', async () => {\n  expect((await fetch('http://"+ln.Addr().String()+"/')).status).toBe(204);\n  await sleep(300);\n});\n"), 0o644)
	code, out, errOut := pathsRun(t, dir, "f.test.js")
	if code != 0 || strings.Contains(out+errOut, "SECRET") || strings.Contains(out+errOut, "Unsolicited") {
		t.Errorf("exit %d, want 0 and nothing of the server's extra bytes:\n%s%s", code, out, errOut)
	}
}
