package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The friction a first-time user met (issue 12, "Friendlier errors found by the trial"), each
// through the binary: what the message says, and where.

var frictionDir = filepath.Join("testdata", "friction")

// runFriction runs the binary in dir on args with a JSON report, and returns the output, the
// exit code and the report.
func runFriction(t *testing.T, dir string, args ...string) (string, int, jsonReport) {
	t.Helper()
	report := filepath.Join(t.TempDir(), "report.json")
	cmd := exec.Command(binary(t), append([]string{"--color", "never", "-r", "pretty", "-r", "json=" + report}, args...)...)
	cmd.Dir = dir
	out, _ := cmd.CombinedOutput()
	return string(out), cmd.ProcessState.ExitCode(), readJSONReport(t, report, string(out))
}

func TestFrictionRefusedHandshakeShowsTheBody(t *testing.T) {
	out, code, doc := runFriction(t, frictionDir, "refused.test.js")
	if code != 0 || doc.Summary.Tests.Passed != 3 {
		t.Errorf("exit %d, want every test to pass:\n%s", code, out)
	}
}

func TestFrictionImportsSayWhatToUseInstead(t *testing.T) {
	// ws installed in node_modules fails the same way: its code needs Node's http.
	dir := t.TempDir()
	copyDir(t, filepath.Join(frictionDir, "imports"), dir)
	ws := filepath.Join(dir, "node_modules", "ws")
	if err := os.MkdirAll(ws, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(ws, "package.json"), `{"name":"ws","main":"index.js"}`)
	writeFile(t, filepath.Join(ws, "index.js"), "const http = require('http');\nmodule.exports = class WebSocket {};\n")

	out, code, doc := runFriction(t, dir)
	if code != 1 {
		t.Errorf("exit %d, want 1:\n%s", code, out)
	}
	want := map[string][]string{
		"ws.test.js":       {"WebSocket clients and servers are built in", "import ws from 'wsrun/ws'", "ws.connect"},
		"socketio.test.js": {`"socket.io-client"`, "import from 'wsrun/socketio' instead"},
		"graphql.test.js":  {`"graphql-ws"`, "import from 'wsrun/graphql' instead"},
		"stomp.test.js":    {`"@stomp/stompjs"`, "import from 'wsrun/stomp' instead"},
		"http.test.js":     {`"http" is a Node.js built-in module`, "fetch", "'wsrun/ws'"},
		"node-fs.test.js":  {`"node:fs" is a Node.js built-in module`},
	}
	at := map[string]string{
		"ws.test.js": "ws.test.js:1:27", "socketio.test.js": "socketio.test.js:1:20", "graphql.test.js": "graphql.test.js:1:30",
		"stomp.test.js": "stomp.test.js:1:24", "http.test.js": "http.test.js:2:18", "node-fs.test.js": "node-fs.test.js:1:34",
	}
	for file, parts := range want {
		status, msg := doc.test(t, file, file)
		if status != "failed" {
			t.Errorf("%s: %s, want failed", file, status)
		}
		for _, p := range append(parts, "not available in wsrun") {
			if !strings.Contains(msg, p) {
				t.Errorf("%s: message lacks %q:\n%s", file, p, msg)
			}
		}
		if strings.Contains(msg, "is it installed?") {
			t.Errorf("%s: still asks whether it is installed:\n%s", file, msg)
		}
		if !strings.Contains(out, "at "+at[file]+"\n") {
			t.Errorf("%s: output lacks the import's location %s:\n%s", file, at[file], out)
		}
	}
	if !strings.Contains(out, "> 1 | const WebSocket = require('ws');") {
		t.Errorf("no code frame at the require:\n%s", out)
	}
}

func TestFrictionJestAndVitestImportsRunUnchanged(t *testing.T) {
	dir := filepath.Join(frictionDir, "aliases")
	out, code, doc := runFriction(t, dir, "vitest.test.js", "jest.test.js")
	if code != 0 || doc.Summary.Tests.Passed != 3 {
		t.Errorf("exit %d, want 3 passed tests:\n%s", code, out)
	}
	out, _, doc = runFriction(t, dir, "missing.test.js")
	status, msg := doc.test(t, "missing.test.js", "bench")
	want := "TypeError: bench is not available in wsrun: 'vitest' is another name of 'wsrun', which exports "
	if status != "failed" || !strings.Contains(msg, want) || !strings.Contains(out, "at missing.test.js:6:") {
		t.Errorf("bench: %s %q, want a failure with %q at line 6:\n%s", status, msg, want, out)
	}
	for _, name := range []string{"a namespace import keeps the check", "a known export still works"} {
		if status, _ := doc.test(t, "missing.test.js", name); status != "passed" {
			t.Errorf("%s: %s:\n%s", name, status, out)
		}
	}
}

func TestFrictionGrepThatMatchesNothing(t *testing.T) {
	cmd := exec.Command(binary(t), "--color", "never", "-g", "nothing matches this", "names.test.js", "failing.test.js")
	cmd.Dir = filepath.Join("testdata", "cli")
	out, _ := cmd.CombinedOutput()
	want := `wsrun: no test matches -g "nothing matches this" (7 tests in 2 files)` + "\n"
	if code := cmd.ProcessState.ExitCode(); code != 2 || string(out) != want {
		t.Errorf("exit %d, output %q; want 2, %q", code, out, want)
	}
	cmd = exec.Command(binary(t), "--color", "never", "--grep-invert", ".", "--list", "names.test.js")
	cmd.Dir = filepath.Join("testdata", "cli")
	out, _ = cmd.CombinedOutput()
	want = `wsrun: no test matches --grep-invert "." (4 tests in 1 file)` + "\n"
	if code := cmd.ProcessState.ExitCode(); code != 2 || string(out) != want {
		t.Errorf("--list: exit %d, output %q; want 2, %q", code, out, want)
	}
}

func TestFrictionServePortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	cmd := exec.Command(binary(t), "serve", "-e", fmt.Sprintf("PORT=%d", port), filepath.Join(frictionDir, "serve", "port.js"))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitExit(t, cmd, &stderr)
	want := fmt.Sprintf("wsrun serve: port %d is in use (listen tcp 127.0.0.1:%d: bind: address already in use)\n", port, port)
	if code := cmd.ProcessState.ExitCode(); code != 1 || stderr.String() != want {
		t.Errorf("exit %d, stderr %q; want 1, %q", code, stderr.String(), want)
	}
}

func TestFrictionServeRejectionHasALocation(t *testing.T) {
	cmd := exec.Command(binary(t), "serve", filepath.Join(frictionDir, "serve", "reject.js"))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitExit(t, cmd, &stderr)
	for _, want := range []string{"Error: the fixture is broken", "\n  at testdata/friction/serve/reject.js:3:16\n"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
}

func TestFrictionPathsOutsideTheWorkingDirectory(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "x.test.js"), "test('fails', () => {\n  expect(1).toBe(2);\n});\n")
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	abs := filepath.ToSlash(filepath.Join(dir, "x.test.js"))
	for _, given := range []string{"../x.test.js", abs} {
		t.Run(given, func(t *testing.T) {
			reports := t.TempDir()
			cmd := exec.Command(binary(t), "--color", "never", "-r", "pretty", "-r", "json="+filepath.Join(reports, "r.json"),
				"-r", "junit="+filepath.Join(reports, "r.xml"), given)
			cmd.Dir = sub
			out, _ := cmd.CombinedOutput()
			for _, want := range []string{"FAIL  " + abs + " (", "at " + abs + ":2:17\n"} {
				if !strings.Contains(string(out), want) {
					t.Errorf("pretty output lacks %q:\n%s", want, out)
				}
			}
			var doc struct {
				Files []struct {
					Path  string
					Tests []struct {
						Errors []struct {
							Stack    string
							Location struct{ File string }
						}
					}
				}
			}
			data := pathsRead(t, filepath.Join(reports, "r.json"))
			if err := json.Unmarshal(data, &doc); err != nil || len(doc.Files) != 1 || len(doc.Files[0].Tests) != 1 || len(doc.Files[0].Tests[0].Errors) != 1 {
				t.Fatalf("JSON report (%v):\n%s", err, data)
			}
			e := doc.Files[0].Tests[0].Errors[0]
			if doc.Files[0].Path != abs || e.Location.File != abs || !strings.Contains(e.Stack, "at "+abs+":2:17") {
				t.Errorf("JSON report: path %q, location %q, stack %q; want %s", doc.Files[0].Path, e.Location.File, e.Stack, abs)
			}
			var junit struct {
				Suites []struct {
					Name  string `xml:"name,attr"`
					Cases []struct {
						Classname string `xml:"classname,attr"`
						Failure   string `xml:"failure"`
					} `xml:"testcase"`
				} `xml:"testsuite"`
			}
			data = pathsRead(t, filepath.Join(reports, "r.xml"))
			if err := xml.Unmarshal(data, &junit); err != nil || len(junit.Suites) != 1 || len(junit.Suites[0].Cases) != 1 {
				t.Fatalf("JUnit report (%v):\n%s", err, data)
			}
			c := junit.Suites[0].Cases[0]
			if junit.Suites[0].Name != abs || c.Classname != abs || !strings.Contains(c.Failure, "at "+abs+":2:17") {
				t.Errorf("JUnit report: suite %q, classname %q, failure %q; want %s", junit.Suites[0].Name, c.Classname, c.Failure, abs)
			}
		})
	}
}

func TestFrictionCORS(t *testing.T) {
	// In tests cors is off unless asked for.
	out, code, doc := runFriction(t, frictionDir, "cors.test.js")
	if code != 0 || doc.Summary.Tests.Passed != 4 {
		t.Errorf("exit %d, want 4 passed tests:\n%s", code, out)
	}
	// Under wsrun serve it is on unless the script turns it off.
	cmd := exec.Command(binary(t), "serve", filepath.Join(frictionDir, "serve", "cors.js"))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	sc := bufio.NewScanner(stdout)
	var urls []string
	for len(urls) < 2 && sc.Scan() {
		if u, ok := strings.CutPrefix(sc.Text(), "listening on "); ok {
			urls = append(urls, strings.Replace(strings.TrimSuffix(u, "/ws"), "ws:", "http:", 1))
		}
	}
	if len(urls) < 2 {
		t.Fatalf("servers not listening; stderr %s", stderr.String())
	}
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	client := &http.Client{Timeout: 5 * time.Second}
	do := func(method, url string, header map[string]string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest(method, url, nil)
		for k, v := range header {
			req.Header.Set(k, v)
		}
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	origin := "http://localhost:5173"
	res := do("OPTIONS", urls[0]+"/api/items", map[string]string{"Origin": origin, "Access-Control-Request-Method": "DELETE", "Access-Control-Request-Headers": "authorization"})
	if res.StatusCode != 204 || res.Header.Get("Access-Control-Allow-Origin") != origin ||
		!strings.Contains(res.Header.Get("Access-Control-Allow-Methods"), "DELETE") || res.Header.Get("Access-Control-Allow-Headers") != "authorization" {
		t.Errorf("preflight: %d %v", res.StatusCode, res.Header)
	}
	res = do("GET", urls[0]+"/api/items", map[string]string{"Origin": origin})
	if res.StatusCode != 201 || res.Header.Get("Access-Control-Allow-Origin") != origin {
		t.Errorf("GET: %d %v", res.StatusCode, res.Header)
	}
	res = do("GET", urls[1]+"/api/items", map[string]string{"Origin": origin})
	if res.StatusCode != 200 || res.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("cors: false: %d %v", res.StatusCode, res.Header)
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// copyDir copies the regular files of src into dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Type().IsRegular() {
			writeFile(t, filepath.Join(dst, e.Name()), string(pathsRead(t, filepath.Join(src, e.Name()))))
		}
	}
}
