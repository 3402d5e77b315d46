package main

import (
	"bytes"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestWebGlobalsThroughTheBinary runs testdata/web: globals.test.js uses every web global as
// a frontend test would (fetch with AbortSignal.timeout against a slow ws.serve endpoint
// included) and passes; aborted.test.js fails on purpose, and its failure must be the wait's
// own message, named after the signal's reason.
func TestWebGlobalsThroughTheBinary(t *testing.T) {
	jsonPath := filepath.Join(t.TempDir(), "report.json")
	cmd := exec.Command(binary(t), "--color", "never", "-r", "json="+jsonPath, filepath.Join("testdata", "web"))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err == nil {
		t.Fatalf("the run passed, but aborted.test.js fails on purpose:\n%s", out.String())
	}
	doc := readJSONReport(t, jsonPath, out.String())
	if s := doc.Summary.Tests; s.Passed != 8 || s.Failed != 1 {
		t.Fatalf("tests: %+v, want 8 passed and 1 failed:\n%s", s, out.String())
	}
	for _, f := range doc.Files {
		if filepath.Base(f.Path) != "aborted.test.js" {
			continue
		}
		msg := f.Tests[0].Errors[0].Message
		want := `TimeoutError: alice.expect({"type": "welcome", "user": "alice"}) was aborted: signal timed out; 1 unconsumed message:` +
			"\n  1. " + `{"type":"welcome","user":"bob"}`
		if !strings.HasPrefix(msg, want) || !strings.Contains(msg, "Closest candidate (message 1)") {
			t.Errorf("aborted.test.js failed with\n%s\nwant it to start with\n%s", msg, want)
		}
	}
}

// TestWebGlobalsUnderServe: a mock run by wsrun serve has the globals too.
func TestWebGlobalsUnderServe(t *testing.T) {
	u := startServer(t, exec.Command(binary(t), "serve", filepath.Join("testdata", "web", "serve.js")), "listening on ")
	base := strings.Replace(u, "ws://", "http://", 1)
	resp, err := http.Get(strings.TrimSuffix(base, "/") + "/items?q=caf%C3%A9")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if got, want := string(body), `{"q":"café","id":36,"b64":"Y2Fm6Q=="}`; got != want {
		t.Errorf("the mock answered %s (status %d), want %s (its stderr is logged when the test fails)", got, resp.StatusCode, want)
	}
}
