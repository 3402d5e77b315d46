package main

import (
	"fmt"
	"io"
	"net"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runWSFixture runs one fixture of testdata/trust/ws through the binary and checks, from its
// JSON report, that every test whose name starts with "fails:" failed with the message want
// gives for it (when it gives one), and that every other test passed.
func runWSFixture(t *testing.T, fixture string, want map[string]string) {
	t.Helper()
	report := filepath.Join(t.TempDir(), "report.json")
	cmd := exec.Command(binary(t), "--color", "never", "-r", "pretty", "-r", "json="+report, fixture)
	cmd.Dir = filepath.Join("testdata", "trust", "ws")
	out, _ := cmd.CombinedOutput()
	if code := cmd.ProcessState.ExitCode(); code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	doc := readJSONReport(t, report, string(out))
	seen := 0
	for _, f := range doc.Files {
		for _, tc := range f.Tests {
			seen++
			message := ""
			if tc.Error != nil {
				message = tc.Error.Message
			}
			if !strings.HasPrefix(tc.Name, "fails:") {
				if tc.Status != "passed" {
					t.Errorf("%q %s, want passed: %s", tc.Name, tc.Status, message)
				}
				continue
			}
			if tc.Status != "failed" {
				t.Errorf("%q %s, want failed (a false green)", tc.Name, tc.Status)
			} else if text := want[tc.Name]; !strings.Contains(message, text) {
				t.Errorf("%q failed with\n  %s\nwant it to say %q", tc.Name, message, text)
			}
		}
	}
	if seen == 0 {
		t.Errorf("no tests in the report")
	}
	if t.Failed() {
		t.Logf("output:\n%s", out)
	}
}

func TestWSMatchersThroughTheBinary(t *testing.T) {
	runWSFixture(t, "matchers.test.js", map[string]string{
		"fails: expectNone with a reused g RegExp sees a second identical message":   "expectNone: a message matching /hi/g arrived, but none was expected within 300ms",
		"fails: an async function matcher fails the expect, not match every message": "the matcher function returned a Promise (is it async?), which would match every message",
		"fails: an async function matcher fails an on handler":                       "the matcher function returned a Promise (is it async?)",
		"fails: expect({}) does not resolve with a binary frame":                     "expect timed out after 300ms waiting for {}; 1 unconsumed message:",
	})
}

func TestWSConsumedAndDroppedMessagesThroughTheBinary(t *testing.T) {
	const arrived = `expectNone: a message matching %s arrived, but none was expected within 300ms`
	runWSFixture(t, "consumed.test.js", map[string]string{
		"fails: expectNone sees a message an earlier expect consumed":           fmt.Sprintf(arrived, `"m"`),
		"fails: expectNone sees a message an earlier expectAll consumed":        fmt.Sprintf(arrived, `"n"`),
		"fails: expectNone started first sees the message too":                  fmt.Sprintf(arrived, `"m"`),
		"fails: expectAll does not give one message to two matchers":            "expectAll timed out after 300ms; still missing [1] {\"b\": 1}; no unconsumed messages (1 received in all)",
		"fails: a wait for a message dropped past maxInbox says it was dropped": "expect timed out after 200ms waiting for \"first\"; 1 unconsumed message:\n  1. b\n  (and 1 older unconsumed message dropped, over maxInbox 2: raise maxInbox in the options if a wait needs them)",
	})
}

func TestWSServerCloseEndsExpectConnectionThroughTheBinary(t *testing.T) {
	const closed = "expectConnection failed: server.close() was called, so no client will connect to ws://127.0.0.1:"
	runWSFixture(t, "server.test.js", map[string]string{
		"fails: a pending expectConnection fails when the server closes": "server: " + closed,
		"fails: expectConnection after server.close() fails at once":     "server2: " + closed,
	})
}

// TestWSServeHTTPAndFetchLimitsThroughTheBinary: an http(req) answer or a verify(req) refusal
// whose status net/http cannot send made WriteHeader panic, the client saw its connection
// close, and a test expecting that failure passed; a 1xx went out as an interim answer
// followed by a 200. A request body over 1 MiB reached http(req) cut to its first MiB, and a
// response body over 64 MiB reached fetch's text() cut to its first 64 MiB, each as if whole.
// An answer whose body has no JSON form went out as an empty 200, and a fetch body with none
// as "null". Now each fails the test, saying why.
func TestWSServeHTTPAndFetchLimitsThroughTheBinary(t *testing.T) {
	const status = "ws.serve: http(req) answered with status the number %s; a status must be a whole number from 200 to 599"
	runWSFixture(t, "http.test.js", map[string]string{
		"fails: http answering with status 0":                 fmt.Sprintf(status, "0"),
		"fails: http answering with status 103":               fmt.Sprintf(status, "103"),
		"fails: http answering with status 1000":              fmt.Sprintf(status, "1000"),
		"fails: http answering with status 200.5":             fmt.Sprintf(status, "200.5"),
		"fails: verify refusing with status 99":               "ws.serve: verify(req) answered with status the number 99",
		"fails: a request body over 1 MiB":                    "ws.serve: POST /: the request body is larger than 1048576 bytes (1 MiB), more than ws.serve hands to http(req)",
		"fails: a response body over 64 MiB":                  "the response body is larger than 67108864 bytes (64 MiB), more than fetch reads",
		"fails: http answering with a cyclic body":            "ws.serve: http(req) answered with a body that cannot be sent as JSON: TypeError: Converting circular structure to JSON",
		"fails: http answering with a BigInt body":            "ws.serve: http(req) answered with a body that cannot be sent as JSON: TypeError:",
		"fails: http answering with a throwing toJSON body":   "ws.serve: http(req) answered with a body that cannot be sent as JSON: Error: boom",
		"fails: fetch with a function body":                   "TypeError: fetch: body cannot be sent as JSON: a function has no JSON form",
		"fails: fetch with a Symbol body":                     "TypeError: fetch: body cannot be sent as JSON: a symbol has no JSON form",
		"fails: fetch with a toJSON returning undefined body": "TypeError: fetch: body cannot be sent as JSON: an object has no JSON form",
	})
}

// TestWSServeHTTPIgnoresABodyCutShort: a client that went away before its request body ended
// (fewer bytes than its Content-Length) had what arrived handed to http(req) as the whole
// body, so a check of what the server under test sent could pass on half of it.
func TestWSServeHTTPIgnoresABodyCutShort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	t.Setenv("WSRUN_TEST_PORT", addr[strings.LastIndexByte(addr, ':')+1:])
	dir := t.TempDir()
	write(t, filepath.Join(dir, "cut.test.js"), []byte(`test('a body cut short never reaches http(req)', async () => {
  const bodies = [];
  let done;
  const finished = new Promise((resolve) => { done = resolve; });
  const server = await ws.serve({ port: Number(process.env.WSRUN_TEST_PORT), http: (req) => {
    if (req.path === '/done') done();
    else bodies.push(req.body);
    return { body: 'ok' };
  } });
  await finished;
  expect(bodies).toEqual(['whole']);
  await server.close();
});
`), 0o644)
	go func() {
		send := func(req string, wait bool) bool {
			c, err := net.Dial("tcp", addr)
			if err != nil {
				return false
			}
			defer c.Close()
			_, _ = io.WriteString(c, req)
			if wait {
				_ = c.SetReadDeadline(time.Now().Add(10 * time.Second))
				_, _ = c.Read(make([]byte, 4096))
			}
			return true
		}
		for i := 0; i < 400 && !send("POST /whole HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nwhole", true); i++ {
			time.Sleep(50 * time.Millisecond) // the script has not started its server yet
		}
		send("POST /cut HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789", false)
		time.Sleep(500 * time.Millisecond) // the cut request reaches the loop first
		send("GET /done HTTP/1.1\r\nHost: x\r\n\r\n", true)
	}()
	code, out, errOut := pathsRun(t, dir, "cut.test.js")
	if code != 0 {
		t.Errorf("exit %d, want 0:\n%s%s", code, out, errOut)
	}
}
