package main

import (
	"strings"
	"testing"
)

// TestLeftBehindErrorsAreNeverLost: a handler, a promise, an expect.soft or a done callback a
// test leaves on a connection that outlives it (opened in beforeAll, or accepted by a server
// beforeAll started) can throw after the test ended. Before: such an error failed whatever
// ran then without saying where it came from (a beforeEach or afterAll as "hook failed",
// which also cut the hook short), a message handler that threw kept the message from the
// expects waiting for it, a retry of the test it landed in made it vanish, and a done(err)
// called after the test ended was dropped (the run passed). Now it fails the running test
// with a note naming the test that left it behind, or the file when a hook runs.
func TestLeftBehindErrorsAreNeverLost(t *testing.T) {
	out, code, r := runEngineFixtures(t, "control.test.js", "left-behind.test.js", "left-behind-hooks.test.js", "left-behind-retry.test.js")
	if code != 1 {
		t.Fatalf("exit %d, want 1:\n%s", code, out)
	}
	controlPassed(t, r, out)
	note := func(origin, where string) string {
		return "Error from an earlier test: a callback or promise left behind by test " + origin + " threw after that test had ended, " + where + "."
	}
	for _, c := range []struct{ file, test, status string }{
		{"left-behind.test.js", "leaves a handler", "passed"},
		{"left-behind.test.js", "gets the handler error", "failed"},
		{"left-behind.test.js", "leaves a promise", "passed"},
		{"left-behind.test.js", "gets the rejection", "failed"},
		{"left-behind.test.js", "leaves a soft expect", "passed"},
		{"left-behind.test.js", "gets the soft failure", "failed"},
		{"left-behind.test.js", "leaves its done callback", "passed"},
		{"left-behind.test.js", "gets the late done", "failed"},
		{"left-behind.test.js", "leaves a server-side handler", "passed"},
		{"left-behind.test.js", "gets the server handler error", "failed"},
		{"left-behind.test.js", "own handler on a shared connection", "failed"},
		{"left-behind.test.js", "cleans up after itself", "passed"},
		{"left-behind.test.js", "runs clean", "passed"},
		{"left-behind.test.js", "leaves a handler that throws at every message", "passed"},
		{"left-behind-hooks.test.js", "in a beforeEach › leaves a handler", "passed"},
		{"left-behind-hooks.test.js", "in a beforeEach › runs after the hook finished", "passed"},
		{"left-behind-hooks.test.js", "leaves a handler for afterAll", "passed"},
		{"left-behind-retry.test.js", "leaves a handler", "passed"},
		{"left-behind-retry.test.js", "retried", "passed"},
		{"left-behind-retry.test.js", "leaves a soft expect", "passed"},
		{"left-behind-retry.test.js", "retried after a late soft failure", "passed"},
	} {
		if status, msg := r.test(t, c.file, c.test); status != c.status {
			t.Errorf("%s › %s: %s %q, want %s", c.file, c.test, status, msg, c.status)
		}
	}
	for _, c := range [][3]string{
		{"gets the handler error", note(`"leaves a handler" (left-behind.test.js:15:5)`, `while test "gets the handler error" was running`), `Expected: "something else"`},
		{"gets the rejection", note(`"leaves a promise" (left-behind.test.js:23:5)`, `while test "gets the rejection" was running`), "Unhandled promise rejection (a promise failed and nothing awaited or caught it):\nError: rejected after its test"},
		{"gets the soft failure", note(`"leaves a soft expect" (left-behind.test.js:33:5)`, `while test "gets the soft failure" was running`), `Expected: "soft and late"`},
		{"gets the late done", `Error from an earlier test: test "leaves its done callback" (left-behind.test.js:41:5) called done() after it had ended, while test "gets the late done" was running; it passed:`, "Error: done called late"},
		{"gets the server handler error", note(`"leaves a server-side handler" (left-behind.test.js:50:5)`, `while test "gets the server handler error" was running`), "Error: server handler, late"},
	} {
		_, msg := r.test(t, "left-behind.test.js", c[0])
		if !strings.Contains(msg, c[1]) || !strings.Contains(msg, c[2]) {
			t.Errorf("%s: %q, want %q and %q", c[0], msg, c[1], c[2])
		}
		if strings.Contains(msg, "timed out") {
			t.Errorf("%s: the late error kept the running test from finishing: %q", c[0], msg)
		}
	}
	if status, msg := r.test(t, "left-behind.test.js", "gets a flood of them"); status != "failed" ||
		strings.Count(msg, "Error from an earlier test:") != 11 || !strings.Contains(msg, "Error: late echo:flood0\n") ||
		!strings.Contains(msg, "40 more errors from callbacks or promises that earlier tests left behind (only the first 10 are shown)") ||
		strings.Contains(msg, "timed out") {
		t.Errorf("a flood of late errors: %s %q, want the first 10 and a count of the other 40", status, msg)
	}
	if _, msg := r.test(t, "left-behind.test.js", "own handler on a shared connection"); strings.Contains(msg, "earlier test") || !strings.Contains(msg, `Expected: "mine"`) {
		t.Errorf("a test's own handler: %q, want its failure without a note about an earlier test", msg)
	}
	if status, msg := r.test(t, "left-behind.test.js", "own timer calls a helper"); status != "failed" || strings.Contains(msg, "earlier test") || !strings.Contains(msg, "Error: helper of the test below") {
		t.Errorf("a test's own timer: %s %q, want its failure without a note about an earlier test", status, msg)
	}

	// While a hook runs, the file fails, once per error, as an afterAll failure does.
	fileErrors := func(file string) []string {
		var msgs []string
		for _, f := range r.Files {
			if f.Path != file {
				continue
			}
			if f.Status != "failed" {
				t.Errorf("%s: %s, want failed", file, f.Status)
			}
			for _, tr := range f.Tests {
				if tr.FullName == file {
					for _, e := range tr.Errors {
						msgs = append(msgs, e.Message)
					}
				}
			}
		}
		return msgs
	}
	hooks := fileErrors("left-behind-hooks.test.js")
	if len(hooks) != 2 ||
		!strings.HasPrefix(hooks[0], note(`"in a beforeEach › leaves a handler" (left-behind-hooks.test.js:21:7)`,
			`while a beforeEach hook of test "in a beforeEach › runs after the hook finished" was running`)) ||
		!strings.Contains(hooks[0], `Expected: "from beforeEach"`) ||
		!strings.HasPrefix(hooks[1], note(`"leaves a handler for afterAll" (left-behind-hooks.test.js:30:5)`, "while an afterAll hook was running")) ||
		!strings.Contains(hooks[1], "Error: thrown during afterAll") {
		t.Errorf("errors during hooks: %q\n%s", hooks, out)
	}
	retry := fileErrors("left-behind-retry.test.js")
	if len(retry) != 2 || !strings.Contains(retry[0], `while test "retried" was running`) || !strings.Contains(retry[0], "Error: late, under a retried test") ||
		!strings.Contains(retry[1], `while test "retried after a late soft failure" was running`) || !strings.Contains(retry[1], `Expected: "soft, under a retried test"`) {
		t.Errorf("an error that landed in a retried test: %q\n%s", retry, out)
	}
}
