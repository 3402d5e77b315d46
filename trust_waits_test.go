package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestForgottenAwaitFailsTheTest runs the fixtures of testdata/trust/waits through the binary:
// every test that starts a wait and ends without awaiting it fails, naming the call and where
// it was made (in the .ts source for TypeScript), while the control tests next to them, and
// the control file, pass.
func TestForgottenAwaitFailsTheTest(t *testing.T) {
	jsonPath := filepath.Join(t.TempDir(), "report.json")
	cmd := exec.Command(binary(t), "--color", "never", "-r", "dot", "-r", "json="+jsonPath, ".")
	cmd.Dir = filepath.Join("testdata", "trust", "waits")
	out, err := cmd.CombinedOutput()
	if code := cmd.ProcessState.ExitCode(); code != 1 {
		t.Fatalf("exit %d (%v), want 1:\n%s", code, err, out)
	}
	doc := readJSONReport(t, jsonPath, string(out))
	const never = " was never awaited (still pending when the test ended); add await"
	// want maps file and test to "" for a pass, else to what its message must contain.
	want := map[string]map[string][]string{
		"forgotten.test.js": {
			"control: every wait awaited":           nil,
			"expect not awaited":                    {`alice.expect({"type": "late"}) at forgotten.test.js:25:14` + never},
			"request not awaited":                   {`bob.request({"type": "never"}) at forgotten.test.js:30:15` + never},
			"expectNone not awaited":                {`conn1.expectNone({"type": "error"}) at forgotten.test.js:35:18` + never},
			"expectClose not awaited":               {`carol.expectClose() at forgotten.test.js:40:19` + never},
			"ws.connect not awaited":                {`ws.connect("ws://127.0.0.1:`, `/") at forgotten.test.js:44:13` + never},
			"expectConnection not awaited":          {`quiet.expectConnection() at forgotten.test.js:49:25` + never},
			"two waits forgotten":                   {`dave.expect("a") at forgotten.test.js:54:14` + never + "\n" + `dave.expectAll(["b", "c"]) at forgotten.test.js:55:17` + never},
			"ping not awaited":                      {`gina.ping() at forgotten.test.js:60:12` + never},
			"started in an on handler, not awaited": {`hank.expect({"type": "follow-up"}) at forgotten.test.js:81:16` + never},
			"control: Promise.all awaited":          nil,
			"control: a handled wait that settled":  nil,
		},
		"assertions.test.js": {
			"control: resolves and rejects awaited":                      nil,
			"rejects not awaited":                                        {`expect(…).rejects.toThrow(…) at assertions.test.js:21:31` + never},
			"resolves not awaited":                                       {`expect(…).resolves.not.toBe(…) at assertions.test.js:25:42` + never},
			"control: a rejects handed to Promise.all that is awaited":   nil,
			"control: the next test is not failed by the forgotten ones": nil,
		},
		"hooks.test.js": {
			"forgotten in beforeEach › runs after a broken hook": {"beforeEach hook failed:\n" +
				`setup.expect({"type": "welcome"}) at hooks.test.js:13:16 was never awaited (still pending when the beforeEach hook ended); add await`},
			"awaited in beforeEach › control: passes": nil,
			"forgotten in beforeAll › fails with its beforeAll": {`beforeAll hook failed (in describe "forgotten in beforeAll"):` + "\n" +
				`quiet.expectConnection() at hooks.test.js:34:27 was never awaited (still pending when the beforeAll hook ended); add await`},
		},
		"closed.test.js": {
			// Rejected by the close while the test ran: an unhandled rejection, as before.
			"closed while a forgotten wait is pending": {"Unhandled promise rejection", "eve: expect failed: the connection closed with 4001"},
			// Awaited, so not "never awaited"; and its wait, ended with the test, must not
			// fail the next one when its own timeout passes.
			"timed out while awaiting":                        {"test timed out after 100ms"},
			"control: runs after both, hears nothing of them": nil,
		},
		"control.test.js": {
			"awaited one by one":                         nil,
			"started first, awaited later":               nil,
			"done callback called when the wait settled": nil,
			"fire-and-forget sleep is fine":              nil,
		},
		"typed.test.ts": {
			"control: typed and awaited": nil,
			"typed and forgotten":        {`typed.expect({"type": "welcome", "user": "ann"}) at typed.test.ts:29:14` + never},
		},
	}
	seen := 0
	for _, f := range doc.Files {
		tests, ok := want[f.Path]
		if !ok {
			t.Errorf("unexpected file %s", f.Path)
			continue
		}
		if f.Path == "control.test.js" && f.Status != "passed" {
			t.Errorf("the control file %s: %s", f.Path, f.Status)
		}
		for _, tr := range f.Tests {
			parts, ok := tests[tr.FullName]
			if !ok {
				t.Errorf("%s: unexpected test %q (%s)", f.Path, tr.FullName, tr.Status)
				continue
			}
			seen++
			msg := ""
			if tr.Error != nil {
				msg = tr.Error.Message
			}
			if parts == nil {
				if tr.Status != "passed" {
					t.Errorf("%s › %s: %s, want passed:\n%s", f.Path, tr.FullName, tr.Status, msg)
				}
				continue
			}
			if tr.Status != "failed" {
				t.Errorf("%s › %s: %s, want failed", f.Path, tr.FullName, tr.Status)
			}
			for _, p := range parts {
				if !strings.Contains(msg, p) {
					t.Errorf("%s › %s: message lacks %q:\n%s", f.Path, tr.FullName, p, msg)
				}
			}
			if tr.FullName == "timed out while awaiting" && strings.Contains(msg, "never awaited") {
				t.Errorf("an awaited wait is reported as never awaited:\n%s", msg)
			}
		}
	}
	total := 0
	for _, tests := range want {
		total += len(tests)
	}
	if seen != total {
		t.Errorf("saw %d of the %d tests:\n%s", seen, total, out)
	}
}
