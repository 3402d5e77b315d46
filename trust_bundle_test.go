package main

// Behaviour tests of how test files are loaded (docs/modules.md) through the real binary: what
// the bundler must never drop or misname.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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

// TestBundleMinifiedHelper: a helper with all its code on one 500 KB line (a vendored minified
// library) took a minute to load, since the source map was densified by counting every
// segment's column from the start of the line; and every failure in it printed the whole line
// in its code frame, in the console and in every report.
func TestBundleMinifiedHelper(t *testing.T) {
	dir := t.TempDir()
	helper := "export function f(v){" + strings.Repeat("var a=1;", 30000) + `if(v)throw new Error("thrown in min.js");` +
		strings.Repeat("a=2;", 30000) + "}\n"
	write(t, filepath.Join(dir, "min.js"), []byte(helper), 0o644)
	write(t, filepath.Join(dir, "min.test.js"), []byte("import { f } from './min.js';\ntest('min', () => { f(1); });\n"), 0o644)
	start := time.Now()
	code, out, errOut := pathsRun(t, dir, "min.test.js", "-r", "json=report.json")
	if took := time.Since(start); took > 15*time.Second {
		t.Errorf("the run took %v", took)
	}
	if code != 1 || !strings.Contains(out, "Error: thrown in min.js") || !strings.Contains(out, "at f (min.js:1:240033)") {
		t.Errorf("exit %d, want 1 with the error and its location:\n%.3000s%s", code, out, errOut)
	}
	if !strings.Contains(out, `…;if(v)throw new Error("thrown in min.js");a=2;`) && !strings.Contains(out, `if(v)throw new Error("thrown in min.js");a=2;`) {
		t.Errorf("the code frame does not show the failing code:\n%.3000s", out)
	}
	for name, text := range map[string]string{"the output": out, "the JSON report": string(pathsRead(t, filepath.Join(dir, "report.json")))} {
		if len(text) > 20000 {
			t.Errorf("%s has %d bytes: the code frame shows the whole line", name, len(text))
		}
	}
}

// TestBundleByteOrderMark: in a file that starts with a byte order mark, a failure on line 1
// was reported one column to the right (esbuild counts the mark as a column; editors do not),
// and the code frame showed the invisible mark.
func TestBundleByteOrderMark(t *testing.T) {
	dir := t.TempDir()
	const bom = "\uFEFF"
	write(t, filepath.Join(dir, "run.test.js"), []byte(bom+"test('bom', () => { expect(1).toBe(2); });\n"), 0o644)
	write(t, filepath.Join(dir, "syntax.test.js"), []byte(bom+"const x = {;\n"), 0o644)
	for file, want := range map[string]string{
		"run.test.js":    "at run.test.js:1:35", // the "(" of toBe(2)
		"syntax.test.js": "at syntax.test.js:1:12",
	} {
		code, out, errOut := pathsRun(t, dir, file)
		if code != 1 || !strings.Contains(out, want) || strings.Contains(out, bom) {
			t.Errorf("%s: exit %d, want 1 with %q and no byte order mark:\n%s%s", file, code, want, out, errOut)
		}
	}
}

// TestBundleImportsCSS: importing a .css file made esbuild write a CSS output beside the
// program, which was taken for the program: the file failed with "no tests found" (or a
// SyntaxError in the CSS) instead of running its tests.
func TestBundleImportsCSS(t *testing.T) {
	code, out, errOut := pathsRun(t, bundleFixtures+"/css", "styles.test.js")
	if code != 1 || !strings.Contains(out, "✓ passes") || !strings.Contains(out, "at styles.test.js:7:17") {
		t.Errorf("exit %d, want 1 with the file's tests run:\n%s%s", code, out, errOut)
	}
}

// TestBundlePercentInFileName: a file named p%41.test.js was shown as pA.test.js in its
// failure's location and stack, without a code frame (goja unescapes source names twice).
func TestBundlePercentInFileName(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "p%41.test.js"), []byte("test('t', () => {\n  expect(1).toBe(2);\n});\n"), 0o644)
	code, out, errOut := pathsRun(t, dir, ".")
	if code != 1 || !strings.Contains(out, "at p%41.test.js:2:17") || !strings.Contains(out, ">  2 |") && !strings.Contains(out, "> 2 |") {
		t.Errorf("exit %d, want 1 with the location and code frame in p%%41.test.js:\n%s%s", code, out, errOut)
	}
}

// TestBundleRefusesDeepNesting: a file nested 300,000 levels deep (a test file, a file it
// imports, TypeScript types, a data: URL it imports) overflowed the stack of esbuild's parser, a fatal error that
// killed the whole run with exit 2 and no reports. Now each such file fails alone, at the
// place it passes the limit, and the other files run and the reports are written.
func TestBundleRefusesDeepNesting(t *testing.T) {
	dir := t.TempDir()
	const n = 300000
	write(t, filepath.Join(dir, "not.test.js"), []byte("const x = "+strings.Repeat("!", n)+"true;\ntest('t', () => {});\n"), 0o644)
	write(t, filepath.Join(dir, "arrows.js"), []byte("export const f = "+strings.Repeat("a => ", n)+"1;\n"), 0o644)
	write(t, filepath.Join(dir, "imports.test.js"), []byte("import { f } from './arrows.js';\ntest('t', () => { f(); });\n"), 0o644)
	write(t, filepath.Join(dir, "types.test.ts"), []byte("type T = "+strings.Repeat("Array<", n)+"number"+strings.Repeat(">", n)+";\ntest('t', () => {});\n"), 0o644)
	write(t, filepath.Join(dir, "data.test.js"), []byte("import 'data:text/javascript,const x = "+strings.Repeat("%21", n)+"true;';\ntest('t', () => {});\n"), 0o644)
	write(t, filepath.Join(dir, "ok.test.js"), []byte("test('still runs', () => {});\n"), 0o644)
	code, out, errOut := pathsRun(t, dir, ".", "-r", "json=report.json")
	if code != 1 || strings.Contains(errOut, "stack overflow") {
		t.Fatalf("exit %d, want 1:\n%.3000s\n%.3000s", code, out, errOut)
	}
	for _, s := range []string{"✓ still runs", "at not.test.js:1:10008", "at arrows.js:1:", "at types.test.ts:1:",
		"at data.test.js:1:8", "Files: 1 passed, 4 failed"} {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks %q:\n%.5000s", s, out)
		}
	}
	if got := strings.Count(out, "nested too deeply: this file nests brackets, expressions, statements or types more than 10000 levels deep here"); got != 4 {
		t.Errorf("%d files nested too deeply, want 4:\n%.5000s", got, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "report.json")); err != nil {
		t.Errorf("no report: %v", err)
	}
}
