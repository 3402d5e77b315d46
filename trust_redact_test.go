package main

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// redactRun is one run of testdata/trust/redact through the binary with every report: the
// texts of stdout, stderr, each report file and each trace file, by name.
type redactRun struct {
	code    int
	outputs map[string]string
}

func runRedact(t *testing.T, extra ...string) redactRun {
	t.Helper()
	return runRedactDir(t, filepath.Join("testdata", "trust", "redact"), 5, extra...)
}

// runRedactDir is runRedact over the test files in testFiles, whose tests number tests.
func runRedactDir(t *testing.T, testFiles string, tests int, extra ...string) redactRun {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"access_token":"SECRET10http","user":"a"}`))
	}))
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	traces := filepath.Join(dir, "traces")
	args := append([]string{"--color", "never", "-vv", "-e", "HTTP_URL=" + srv.URL,
		"-r", "github", "-r", "json=" + filepath.Join(dir, "report.json"),
		"-r", "junit=" + filepath.Join(dir, "junit.xml"), "-r", "tap=" + filepath.Join(dir, "report.tap"),
		"-r", "dot=" + filepath.Join(dir, "dot.txt"), "-r", "pretty=" + filepath.Join(dir, "pretty.txt"),
		"-r", "html=" + filepath.Join(dir, "report.html"),
		"--trace-dir", traces, testFiles}, extra...)
	cmd := exec.Command(binary(t), args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	run := redactRun{code: cmd.ProcessState.ExitCode(), outputs: map[string]string{"stdout": stdout.String(), "stderr": stderr.String()}}
	files, _ := filepath.Glob(filepath.Join(dir, "*.*"))
	tracesFiles, _ := filepath.Glob(filepath.Join(traces, "*"))
	for _, f := range append(files, tracesFiles...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		run.outputs[strings.TrimPrefix(f, dir+"/")] = string(b)
	}
	if len(tracesFiles) != tests {
		t.Errorf("%d trace files, want one per test (%d): %v", len(tracesFiles), tests, tracesFiles)
	}
	return run
}

// TestRedactSecretsEverywhere: a run whose tests send, receive, log and fail with secrets
// writes none of them anywhere — console (-v, -vv), the seven reports, the traces — while the
// control test, which checks that scripts see the real values, passes.
func TestRedactSecretsEverywhere(t *testing.T) {
	run := runRedact(t)
	if run.code != 1 {
		t.Errorf("exit %d, want 1 (four tests fail on purpose)\n%s", run.code, run.outputs["stdout"]+run.outputs["stderr"])
	}
	secretHex := hex.EncodeToString([]byte("SECRET")) // a binary payload in the timeline
	for name, text := range run.outputs {
		if i := strings.Index(text, "SECRET"); i >= 0 {
			t.Errorf("%s shows a secret: …%s…", name, text[max(0, i-80):min(len(text), i+40)])
		}
		if i := strings.Index(strings.ToLower(text), secretHex); i >= 0 {
			t.Errorf("%s shows a secret in hex: …%s…", name, text[max(0, i-80):min(len(text), i+40)])
		}
	}
	// Where the secrets were, [REDACTED] is: in the console, each report and the traces.
	for _, name := range []string{"stdout", "report.json", "junit.xml", "report.tap", "pretty.txt", "report.html", "scripts_see_the_real_values"} {
		found := false
		for n, text := range run.outputs {
			if strings.HasSuffix(n, name) || strings.HasPrefix(n, "traces/") && strings.Contains(n, name) {
				found = true
				if !strings.Contains(text, "[REDACTED]") {
					t.Errorf("%s lacks [REDACTED]:\n%s", n, text)
				}
			}
		}
		if !found {
			t.Errorf("no output %s", name)
		}
	}
	stdout := run.outputs["stdout"]
	for _, want := range []string{
		"?token=[REDACTED]&room=lobby",                    // -vv, transcripts, console
		`"password":"[REDACTED]"`,                         // frames
		`"password": "[REDACTED]"`,                        // a diff
		"api_key: '[REDACTED]'",                           // console.log of an object
		"'x-custom': 'CUSTOM7value'",                      // not a secret name by default
		"user: 'visible-user'",                            // fields beside secrets survive
		"?sig=[REDACTED]",                                 // a handshake error's URL
		`"auth":"[REDACTED]"`,                             // a whole object under a secret name
		"control sees ws://",                              // -v: console of passing tests
		"::error file=testdata/trust/redact/secrets.test", // github annotations
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	// Redaction happens before encoding: the reports stay valid documents.
	var doc struct {
		Files []struct {
			Path  string
			Tests []struct{ Name, Status string }
		}
	}
	if err := json.Unmarshal([]byte(run.outputs["report.json"]), &doc); err != nil {
		t.Fatalf("report.json does not parse: %v", err)
	}
	statuses := map[string]string{}
	for _, f := range doc.Files {
		for _, tr := range f.Tests {
			statuses[tr.Name] = tr.Status
		}
	}
	if statuses["scripts see the real values"] != "passed" || statuses["a toEqual diff shows a password"] != "failed" {
		t.Errorf("statuses %v: the control test must pass and the others fail", statuses)
	}
	if err := xml.Unmarshal([]byte(run.outputs["junit.xml"]), new(struct{})); err != nil {
		t.Errorf("junit.xml does not parse: %v", err)
	}
	for name, text := range run.outputs {
		if !strings.HasPrefix(name, "traces/") {
			continue
		}
		for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
			if line == "" {
				continue
			}
			var entry struct {
				Data   string
				Base64 bool
			}
			if err := json.Unmarshal([]byte(line), &entry); err != nil {
				t.Errorf("%s: line is not JSON: %s", name, line)
			}
			if b, _ := base64.StdEncoding.DecodeString(entry.Data); entry.Base64 && bytes.Contains(b, []byte("SECRET")) {
				t.Errorf("%s: a binary payload shows a secret: %s", name, b)
			}
		}
	}
}

// TestRedactShapesOnceMissed: names written escaped (%74oken, "t\u006fken"), after a JSON
// escape ("\ntoken="), with a form's brackets (token[]=, user[password]=), credential
// headers off SPEC's list (Set-Cookie, X-Api-Key), a code frame cut through a secret's
// name, toHaveProperty's values of a secret path, JSON in a binary frame after a byte that
// is not UTF-8, a TypeError describing a secret option's value, an XML element and names
// off SPEC's list (authToken), and a multi-line secret in a diff: none shows its secret in
// any output, and values beside them stay.
func TestRedactShapesOnceMissed(t *testing.T) {
	run := runRedactDir(t, filepath.Join("testdata", "trust", "redact_shapes"), 14)
	if run.code != 1 {
		t.Errorf("exit %d, want 1 (every test fails on purpose)\n%s", run.code, run.outputs["stdout"]+run.outputs["stderr"])
	}
	secretHex := hex.EncodeToString([]byte("SECRET"))
	for name, text := range run.outputs {
		if i := strings.Index(text, "SECRET"); i >= 0 {
			t.Errorf("%s shows a secret: …%s…", name, text[max(0, i-80):min(len(text), i+40)])
		}
		if i := strings.Index(strings.ToLower(text), secretHex); i >= 0 {
			t.Errorf("%s shows a secret in hex: …%s…", name, text[max(0, i-80):min(len(text), i+40)])
		}
		if !strings.HasPrefix(name, "traces/") {
			continue
		}
		for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
			var entry struct {
				Data   string
				Base64 bool
			}
			_ = json.Unmarshal([]byte(line), &entry)
			if b, _ := base64.StdEncoding.DecodeString(entry.Data); entry.Base64 && bytes.Contains(b, []byte("SECRET")) {
				t.Errorf("%s: a binary payload shows a secret: %q", name, b)
			}
		}
	}
	stdout := run.outputs["stdout"]
	for _, want := range []string{
		"?%74oken=[REDACTED]&token[]=[REDACTED]&user%5Bpassword%5D=[REDACTED]&room=lobby",
		`{"t\u006fken":"[REDACTED]","user":"visible-user"}`,
		`{"log":"GET /login\ntoken=[REDACTED]\tpassword: [REDACTED]"}`,
		"{ 'set-cookie': '[REDACTED]' }",
		"server saw { 'x-api-key': '[REDACTED]' }",
		"…oken: '[REDACTED]' }; const filler",
		"Expected path: \"user.password\"\n\n    Expected value: [REDACTED]\n    Received value: [REDACTED]",
		`option auth must be an object, got the string "[REDACTED]"`,
		"mechanism='PLAIN'>[REDACTED]</auth>",
		`"authToken":"[REDACTED]","user":"visible-user"`,
		"-   \"token\": \"[REDACTED]\",\n    +   \"token\": \"[REDACTED]\",",
		"They first differ at .auth.pin:\n    Expected: [REDACTED]\n    Received: [REDACTED]",
		`Expected: …"\"token\":\"[REDACTED]\"}"`,
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
}

// TestEnvFileErrorHidesTheLine: a malformed --env-file line is a usage error that says
// which line, without quoting it: the line may be a secret missing its =.
func TestEnvFileErrorHidesTheLine(t *testing.T) {
	env := filepath.Join(t.TempDir(), "test.env")
	if err := os.WriteFile(env, []byte("USER=a\nPASSWORD SECRET15envfile\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(binary(t), "--env-file", env, filepath.Join("testdata", "trust", "redact", "control.test.js"))
	out, _ := cmd.CombinedOutput()
	if code := cmd.ProcessState.ExitCode(); code != 2 || strings.Contains(string(out), "SECRET") || !strings.Contains(string(out), "line 2: expected KEY=VALUE") {
		t.Errorf("exit %d, want 2 naming line 2 without its text:\n%s", code, out)
	}
}

// TestMergeReportsRedacts: merge-reports writes output too, so it redacts a shard's report
// written with --no-redact (or by a host program), and --no-redact turns that off.
func TestMergeReportsRedacts(t *testing.T) {
	dir := t.TempDir()
	shard := filepath.Join(dir, "shard.json")
	runWsrun(t, "--no-redact", "-r", "json="+shard, filepath.Join("testdata", "trust", "redact", "secrets.test.js"))
	if b, err := os.ReadFile(shard); err != nil || !strings.Contains(string(b), "SECRET2password") {
		t.Fatalf("the shard's report should hold the secrets (%v)", err)
	}
	merged := filepath.Join(dir, "merged.json")
	_, out, errOut := runWsrun(t, "merge-reports", "--color", "never", "-r", "json="+merged, "-r", "pretty", shard)
	b, _ := os.ReadFile(merged)
	for name, text := range map[string]string{"stdout": out, "stderr": errOut, "merged.json": string(b)} {
		if i := strings.Index(text, "SECRET"); i >= 0 {
			t.Errorf("merge-reports' %s shows a secret: …%s…", name, text[max(0, i-80):min(len(text), i+40)])
		}
	}
	if !strings.Contains(out, `"password":"[REDACTED]"`) {
		t.Errorf("stdout lacks the redacted frame:\n%s", out)
	}
	if _, out, _ := runWsrun(t, "merge-reports", "--no-redact", "--color", "never", shard); !strings.Contains(out, "SECRET2password") {
		t.Errorf("merge-reports --no-redact should show the secrets:\n%s", out)
	}
}

func TestNoRedactShowsSecrets(t *testing.T) {
	run := runRedact(t, "--no-redact")
	for _, name := range []string{"stdout", "report.json", "junit.xml", "report.tap"} {
		if !strings.Contains(run.outputs[name], "token=SECRET1query") || strings.Contains(run.outputs[name], "[REDACTED]") {
			t.Errorf("with --no-redact %s should show the secrets as they are:\n%s", name, run.outputs[name])
		}
	}
}

func TestRedactAddsNames(t *testing.T) {
	run := runRedact(t, "--redact", "x-custom", "--redact", "room")
	for name, text := range run.outputs {
		for _, leak := range []string{"SECRET", "CUSTOM7value", "room=lobby"} {
			if strings.Contains(text, leak) {
				t.Errorf("%s shows %s", name, leak)
			}
		}
	}
	if !strings.Contains(run.outputs["stdout"], "'x-custom': '[REDACTED]'") {
		t.Errorf("stdout lacks the redacted custom field:\n%s", run.outputs["stdout"])
	}
}

func TestRedactUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--redact", "user.password"}, `--redact: cannot redact "user.password": a name is made of letters, digits, _ and -`},
		{[]string{"--redact", ""}, `--redact: cannot redact ""`},
		{[]string{"--redact", "x", "--no-redact"}, "--redact and --no-redact contradict each other"},
		{[]string{"serve", "--redact", "a b"}, `cannot redact "a b"`},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			cmd := exec.Command(binary(t), append(tc.args, filepath.Join("testdata", "trust", "redact", "control.test.js"))...)
			out, _ := cmd.CombinedOutput()
			if code := cmd.ProcessState.ExitCode(); code != 2 || !strings.Contains(string(out), tc.want) {
				t.Errorf("exit %d, want 2 with %q:\n%s", code, tc.want, out)
			}
		})
	}
}

// TestServeRedacts: wsrun serve's console output and -v frames hide secrets too.
func TestServeRedacts(t *testing.T) {
	cmd := exec.Command(binary(t), "serve", "-v", filepath.Join("testdata", "trust", "redact", "serve.js"))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var seen []string
	deadline := time.After(10 * time.Second)
	next := func() string {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("wsrun serve ended early: %q", seen)
			}
			seen = append(seen, l)
			return l
		case <-deadline:
			t.Fatalf("wsrun serve printed %q", seen)
		}
		return ""
	}
	url, ok := "", false
	for !ok {
		url, ok = strings.CutPrefix(next(), "listening on ")
	}
	conn, _, err := websocket.DefaultDialer.Dial(url+"?token=SECRET14client", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, msg, err := conn.ReadMessage(); err != nil || !strings.Contains(string(msg), "SECRET13frame") {
		t.Fatalf("the client must get the real message: %q, %v", msg, err)
	}
	for !strings.Contains(next(), `"session":`) { // the -v line of the frame the server sent
	}
	out := strings.Join(seen, "\n")
	if strings.Contains(out, "SECRET") || !strings.Contains(out, "{ token: '[REDACTED]' }") || !strings.Contains(out, "?token=[REDACTED]") {
		t.Errorf("wsrun serve output:\n%s", out)
	}
}
