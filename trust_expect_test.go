package main

import (
	"strings"
	"testing"
)

// TestHugeValuesFailFast: failures of huge values fail their test with a short message that
// says what was left out, never with the timeout that blamed the script for an endless loop:
// building the message once took 5 to 30 s and more (docs/limits.md, "Failure messages").
// Normal-sized values keep Jest's messages (the golden files of runtime/engine).
func TestHugeValuesFailFast(t *testing.T) {
	out, code, r := runEngineFixtures(t, "-t", "60s", "control.test.js", "huge-failures.test.js")
	if code != 1 {
		t.Fatalf("exit %d, want 1:\n%.3000s", code, out)
	}
	controlPassed(t, r, out)
	for name, want := range map[string][]string{
		"toBe of arrays of 10,000 objects": {`Expected: [{"i": 0, "s": "y"}, {"i": 1, "s": "y"}`,
			"(The diff was left out: Expected is too large to diff (it has more than 40000 values or lines to print).)"},
		"toEqual of arrays of 100,000 objects": {"(The diff was left out: Expected is too large to diff"},
		"toBe of 5 MB strings": {`Received: …"aaaa`, `aaab"`,
			"(The strings are 5000000 and 5000000 characters long; they first differ at index 4999999 and are shown from index 4999899, at most 1000 characters each.)"},
		"toBe of 40,000 lines, all different": {"Expected: \"m0\nm1\n", "m49\"… (", " more characters)",
			"(The diff was left out: the values print as 40000 and 40000 lines, which differ in more places than wsrun diffs in bounded time.)"},
		"toBe of 40,000 lines, three different": {"- Expected  - 3\n+ Received  + 2\n",
			"@@ -96,11 +96,11 @@\n  l95\n  l96\n  l97\n  l98\n  l99\n- changed\n+ l100\n", "- inserted\n"},
		"toMatchObject of 100,000 objects":    {"(The diff was left out: Expected is too large to diff"},
		"toContainEqual in 100,000 objects":   {`Expected value: {"i": -1}`, `Received array: [{"i": 0, "s": "x"}`},
		"toHaveBeenCalledWith huge arguments": {"Number of calls: 2", `"xxxx`, "… (4990000 more characters)"},
		"toEqual of 100,000 objects, one different": {"(The diff was left out: Expected is too large to diff",
			"They first differ at .list[50000].s:\nExpected: \"y\"\nReceived: \"x\""},
		"toHaveProperty of an object of 100,000 keys": {`Received value: {"k0": 0, "k1": 1, "k10": 10, `, `, …}`},
		"toEqual of a string of a million lines":      {"(The diff was left out: Expected is too large to diff"},
	} {
		status, msg := r.test(t, "huge-failures.test.js", name)
		if status != "failed" || strings.Contains(msg, "timed out") || len(msg) > 40000 {
			t.Errorf("%s: %s, %d bytes, want failed with a short message:\n%.2000s", name, status, len(msg), msg)
			continue
		}
		for _, w := range want {
			if !strings.Contains(msg, w) {
				t.Errorf("%s: the message lacks %q:\n%.3000s", name, w, msg)
			}
		}
	}
}

// TestNoEvalFrameAfterAnInterrupt: a failure after a test that was interrupted (a runaway loop)
// shows only its own stack; the VM's reset used to leave a frame, and every later failure of
// the file ended in "at <eval>:1:1".
func TestNoEvalFrameAfterAnInterrupt(t *testing.T) {
	out, _, r := runEngineFixtures(t, "huge-failures.test.js", "-g", "loops|after an interrupt")
	if status, msg := r.test(t, "huge-failures.test.js", "a failure after an interrupt"); status != "failed" || !strings.Contains(msg, "Expected: 2") {
		t.Fatalf("the failure after the interrupt: %s %q\n%s", status, msg, out)
	}
	if !strings.Contains(out, "at huge-failures.test.js:39:60") || strings.Contains(out, "<eval>") {
		t.Errorf("want the failure's own frame and no <eval> frame:\n%s", out)
	}
}
