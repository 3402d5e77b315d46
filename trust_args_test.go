package main

import (
	"os/exec"
	"path/filepath"
	"testing"
)

// runArgsFixtures runs testdata/trust/args through the binary and returns the exit code and
// each test's status and error message, by file base name and test name.
func runArgsFixtures(t *testing.T) (int, map[string]map[string][2]string) {
	t.Helper()
	report := filepath.Join(t.TempDir(), "report.json")
	cmd := exec.Command(binary(t), "--color", "never", "--expect-timeout", "300ms", "-r", "json="+report, filepath.Join("testdata", "trust", "args"))
	out, _ := cmd.CombinedOutput()
	doc := readJSONReport(t, report, string(out))
	got := map[string]map[string][2]string{}
	for _, f := range doc.Files {
		tests := map[string][2]string{}
		for _, tc := range f.Tests {
			msg := ""
			if tc.Error != nil {
				msg = tc.Error.Message
			}
			tests[tc.Name] = [2]string{tc.Status, msg}
		}
		got[filepath.Base(f.Path)] = tests
	}
	return cmd.ProcessState.ExitCode(), got
}

// TestArgumentMisuseThrows: each misuse of the JS API fails its test with a TypeError that
// names the function, the argument and what it takes, while the right calls of the control
// file pass in the same run.
func TestArgumentMisuseThrows(t *testing.T) {
	code, files := runArgsFixtures(t)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for name, res := range files["control.test.js"] {
		if res[0] != "passed" {
			t.Errorf("control %q: %s: %s", name, res[0], res[1])
		}
	}
	if n := len(files["control.test.js"]); n != 5 {
		t.Errorf("control file ran %d tests, want 5", n)
	}
	declare := filepath.Join("testdata", "trust", "args", "declare.test.js")
	if res := files["declare.test.js"][declare]; res != [2]string{"failed", `TypeError: test: unknown option "timout"; did you mean "timeout"?`} {
		t.Errorf("declare.test.js: %q", res)
	}
	misuse := files["misuse.test.js"]
	for name, want := range map[string]string{
		"expectClose(4001) against a close with 4000": "TypeError: expectClose takes options like { code: 4001 }, got the number 4001",
		"expect(matcher, 300)":                        "TypeError: expect takes options like { timeout: 300 }, got the number 300",
		"a misspelt option":                           `TypeError: expect: unknown option "timeot"; did you mean "timeout"?`,
		"on with a misspelt event":                    `TypeError: on: unknown event "mesage"; did you mean "message"?`,
		"ws.connect with a misspelt option":           `TypeError: ws.connect: unknown option "heders"; did you mean "headers"?`,
		"ws.connect with an undefined header":         "TypeError: ws.connect: option headers.Authorization must be a string, number or boolean, got undefined",
		"ws.connect with a url that is not a string":  `TypeError: ws.connect: url must be a string like "ws://127.0.0.1:8080/path" or a URL, got an object`,
		"ws.serve with a misspelt option":             `TypeError: ws.serve: unknown option "prot"; did you mean "port"?`,
		"close with a reserved code":                  "TypeError: close: code 1006 is reserved and must not be sent (RFC 6455 §7.4.1); use 1000, or 3000–4999 for your own codes",
		"close with a reason over 123 bytes":          "TypeError: close: reason must be at most 123 bytes of UTF-8 (a close frame holds 125), got 124",
		"expectAll without an array":                  "TypeError: expectAll: matchers must be an array of matchers, like expectAll([{ type: 'a' }, { type: 'b' }]), got an object",
		"server.close with a code":                    "TypeError: server.close() takes no arguments: it closes every connection with 1001; to close one with a code, call conn.close(code, reason)",
		"ping with a payload over 125 bytes":          "TypeError: ping: payload must be at most 125 bytes (a control frame holds 125), got 126",
		"sleep with a negative time":                  "TypeError: sleep: ms must be a number of ms (0 or more), got the number -5",
		"sleep with a signal that is not one":         "TypeError: sleep: option signal must be an AbortSignal (new AbortController().signal, AbortSignal.timeout(ms)), got the number 5",
		"setTimeout with a string":                    `TypeError: setTimeout: callback must be a function, got the string "tick()"`,
		"fetch with a misspelt option":                `TypeError: fetch: unknown option "methd"; did you mean "method"?`,
		"on('close') with a matcher":                  "TypeError: on: only 'message' takes a matcher, as in on('message', matcher, handler); on('close', handler) takes two arguments",
		"on with a number in place of an event": "TypeError: once: the first argument must be an event ('message', 'close', 'error', 'ping', 'pong') " +
			"or a matcher (an object, array, RegExp, function or asymmetric matcher), got the number 42",
		"request with options in the matcher place": `conn13: request timed out after 300ms waiting for {"timeout": 50} (did you mean request(data, undefined, { timeout: 50 })? ` +
			"the object is used as the matcher); no unconsumed messages (0 received in all)",
		"expect with options in the matcher place": `conn10: expect timed out after 300ms waiting for {"timeout": 50} (did you mean expect(undefined, { timeout: 50 })? ` +
			"the object is used as the matcher); no unconsumed messages (0 received in all)",
	} {
		if got := misuse[name]; got != [2]string{"failed", want} {
			t.Errorf("%s:\n got %q\nwant %q", name, got, want)
		}
	}
	if len(misuse) != 21 {
		t.Errorf("misuse.test.js ran %d tests, want 21", len(misuse))
	}
}
