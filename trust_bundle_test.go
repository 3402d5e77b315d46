package main

// Behaviour tests of how test files are loaded (docs/modules.md) through the real binary: what
// the bundler must never drop or misname.

import (
	"strings"
	"testing"
)

const bundleFixtures = "testdata/trust/bundle"

// TestBundleRunsEveryImport: esbuild dropped an import of a package marked "sideEffects": false
// and a call marked /* @__PURE__ */, so the tests they declared never ran and the file passed.
func TestBundleRunsEveryImport(t *testing.T) {
	code, out, errOut := pathsRun(t, bundleFixtures+"/sideeffects", "main.test.js", "pure.test.js")
	if code != 1 {
		t.Errorf("exit %d, want 1:\n%s%s", code, out, errOut)
	}
	for _, s := range []string{"✗ shared suite fails", "✗ annotated fails", "Tests: 2 passed, 2 failed"} {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks %q:\n%s%s", s, out, errOut)
		}
	}
}

// TestBundleRunsAHashbangScript: a file starting with #!/usr/bin/env wsrun (a script named
// explicitly, without an extension) failed to load with "SyntaxError: Unexpected token
// ILLEGAL" and no location, since esbuild keeps the hashbang line first in the bundle.
func TestBundleRunsAHashbangScript(t *testing.T) {
	code, out, errOut := pathsRun(t, bundleFixtures+"/hashbang", "smoke")
	if code != 1 || strings.Contains(out, "SyntaxError") {
		t.Errorf("exit %d, want 1 without a SyntaxError:\n%s%s", code, out, errOut)
	}
	for _, s := range []string{"✓ passes", "✗ fails", "at smoke:5:17", "Tests: 1 passed, 1 failed"} {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks %q:\n%s%s", s, out, errOut)
		}
	}
}
