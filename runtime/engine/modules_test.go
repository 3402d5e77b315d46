package engine_test

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/wsrun/wsrun/jsapi/types"
	"github.com/wsrun/wsrun/runtime/engine"
	"github.com/wsrun/wsrun/runtime/report"
)

// modules is the folder of the module and TypeScript fixtures, relative to testdata.
const modules = "modules"

// TestModuleScripts runs the scripts that import: TypeScript helpers and JSON, CommonJS from
// ES modules, packages under node_modules, the built-in modules by import and require, lowered
// syntax, and a tour of the whole API in TypeScript. Each asserts its own behaviour.
func TestModuleScripts(t *testing.T) {
	sum, out, err := run(t, engine.Options{Paths: []string{modules + "/pass", modules + "/typed"}, Parallel: 4}, false)
	if err != nil {
		t.Fatal(err)
	}
	if !sum.OK() || sum.Files.Passed != 9 || sum.Tests.Passed < 30 {
		t.Fatalf("want every module script to pass, got %+v:\n%s", sum, out)
	}
}

// TestModuleFailures runs the failing module fixtures next to a passing TypeScript file: each
// failure points into the original file (a .ts helper, a bundle error's own position), and the
// passing file still passes.
func TestModuleFailures(t *testing.T) {
	sum, out, err := run(t, engine.Options{
		Paths:   []string{modules + "/fail", modules + "/pass/ts-helper.test.ts"},
		Timeout: 2 * time.Second, ExpectTimeout: 500 * time.Millisecond,
	}, false)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Files.Passed != 1 || sum.Files.Failed != 5 || sum.Tests.Passed != 3 || sum.Tests.Failed != 5 {
		t.Errorf("want 1 file passed and 5 failed, 3 tests passed and 5 failed; got %+v", sum)
	}
	golden(t, "modules-fail.golden", out)
}

// TestK6StyleScripts runs scripts that declare no test but default-export a function: the
// function runs as one test named after the file.
func TestK6StyleScripts(t *testing.T) {
	files := []string{modules + "/k6/smoke.js", modules + "/k6/failing.js", modules + "/k6/nothing.js"}
	sum, out, err := run(t, engine.Options{Paths: files}, false)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Tests.Passed != 1 || sum.Tests.Failed != 2 {
		t.Errorf("want smoke.js to pass, failing.js and nothing.js to fail; got %+v", sum)
	}
	golden(t, "modules-k6.golden", out)
}

// TestListModules lists the tests of a TypeScript file without running them.
func TestListModules(t *testing.T) {
	var buf bytes.Buffer
	sum, _, err := run(t, engine.Options{Paths: []string{modules + "/pass/ts-helper.test.ts", modules + "/fail/unresolved.test.ts"}, List: true, ListOut: &buf}, false)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Files.Failed != 1 || sum.OK() {
		t.Errorf("summary %+v: want the file that cannot load counted as failed", sum)
	}
	want := "modules/fail/unresolved.test.ts: cannot load: Could not resolve \"./helpers/login\"\n" +
		"modules/pass/ts-helper.test.ts › till › adds up lines priced from the JSON fixture\n" +
		"modules/pass/ts-helper.test.ts › till › named imports of JSON fields work too\n" +
		"modules/pass/ts-helper.test.ts › till › enums compile to objects\n" +
		"\n3 tests in 1 file\n1 file could not load\n"
	if buf.String() != want {
		t.Errorf("list:\n%s\nwant:\n%s", buf.String(), want)
	}
}

// capture keeps the results a run reports.
type capture struct{ files []report.FileResult }

func (c *capture) FileDone(f report.FileResult) { c.files = append(c.files, f) }
func (c *capture) RunDone(report.Summary) error { return nil }
func (c *capture) console() (out []string) {
	for _, f := range c.files {
		for _, t := range f.Tests {
			for _, e := range t.Console {
				out = append(out, e.Text)
			}
		}
	}
	return out
}

// notDeclared are names the objects carry that are not part of the API: the state of an
// expect(value) assertion, and what every function has.
var notDeclared = map[string]bool{
	"actual": true, "isNot": true, "promise": true, "soft": true, "constructor": true,
	"prototype": true, "length": true, "name": true,
}

// moduleOnly are exports of 'wsrun' that are no globals: fn and spyOn (jest.fn and vi.fn are),
// since neither Jest nor Vitest has such a global and one named fn would stand in, quietly,
// for a user's own fn that is not in scope.
var moduleOnly = map[string]bool{"fn": true, "spyOn": true}

// TestDeclarationsCoverTheAPI starts a VM through the engine, collects every name the modules
// export and every member of the objects they hand out, and checks that wsrun.d.ts declares
// each, so the declarations cannot fall behind the implementation.
func TestDeclarationsCoverTheAPI(t *testing.T) {
	var c capture
	sum, out, err := run(t, engine.Options{Paths: []string{modules + "/dts/exports.test.js"}, Reporters: []report.Reporter{&c}}, false)
	if err != nil || !sum.OK() {
		t.Fatalf("%v\n%s", err, out)
	}
	logs := c.console()
	if len(logs) != 1 {
		t.Fatalf("want one line of JSON from the fixture, got %q", logs)
	}
	var got map[string][]string
	if err := json.Unmarshal([]byte(logs[0]), &got); err != nil {
		t.Fatal(err)
	}
	dts := types.Declarations
	wsrunModule := block(t, dts, "declare module 'wsrun' {")
	wsModule := block(t, dts, "declare module 'wsrun/ws' {")
	for _, name := range got["wsrun"] {
		if !regexp.MustCompile(`\bexport const ` + name + `\b`).MatchString(wsrunModule) {
			t.Errorf("wsrun.d.ts: module 'wsrun' does not export %s", name)
		}
		if !regexp.MustCompile(`(?m)^declare (var|function) `+name+`\b`).MatchString(dts) && !moduleOnly[name] {
			t.Errorf("wsrun.d.ts: no global %s (every export of 'wsrun' but fn and spyOn is a global)", name)
		}
	}
	for _, name := range got["ws"] {
		re := `\bexport const ` + name + `\b`
		if name == "default" {
			re = `\bexport default\b`
		}
		if !regexp.MustCompile(re).MatchString(wsModule) {
			t.Errorf("wsrun.d.ts: module 'wsrun/ws' does not export %s", name)
		}
	}
	interfaces := map[string][]string{
		"Connection": {"interface Connection {"}, "Server": {"interface Server {"},
		"Matchers": {"interface Matchers<R> {"}, "Expect": {"interface Expect extends AsymmetricMatchers {", "interface AsymmetricMatchers {"},
		"TestAPI": {"interface TestAPI {"}, "DescribeAPI": {"interface DescribeAPI {"},
		"Console": {"interface Console {"}, "Process": {"interface Process {"},
		"Mock": {"interface Mock<T extends Procedure = Procedure> {"}, "MockAPI": {"interface MockAPI extends MockAPILacking {", "interface MockAPILacking {"},
		"URL": {"interface URL {"}, "URLConstructor": {"interface URLConstructor {"},
		"URLSearchParams": {"interface URLSearchParams {"}, "TextEncoder": {"interface TextEncoder {"},
		"TextDecoder": {"interface TextDecoder {"}, "AbortController": {"interface AbortController {"},
		"AbortSignal": {"interface AbortSignal {"}, "AbortSignalConstructor": {"interface AbortSignalConstructor {"},
		"Crypto": {"interface Crypto {"}, "Performance": {"interface Performance {"},
	}
	for key, heads := range interfaces {
		if len(got[key]) == 0 {
			t.Errorf("the fixture reported no names for %s", key)
		}
		var body string
		for _, h := range heads {
			body += block(t, dts, h)
		}
		for _, name := range got[key] {
			if notDeclared[name] {
				continue
			}
			if !regexp.MustCompile(`(?m)^\s*(readonly\s+)?` + regexp.QuoteMeta(name) + `\s*[(<:?]`).MatchString(body) {
				t.Errorf("wsrun.d.ts: %s has no member %s", key, name)
			}
		}
	}
}

// block returns the text between the braces that follow head in src.
func block(t *testing.T, src, head string) string {
	t.Helper()
	i := strings.Index(src, head)
	if i < 0 {
		t.Fatalf("wsrun.d.ts has no %q", head)
	}
	start := i + len(head)
	depth := 1
	for j := start; j < len(src); j++ {
		switch src[j] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return src[start:j]
			}
		}
	}
	t.Fatalf("wsrun.d.ts: %q is not closed", head)
	return ""
}
