package engine

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/wsrun"
	"github.com/wsrun/wsrun/runtime/report"
)

// writeFiles writes files (name → text) under a new directory and returns it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// compileIn bundles entry inside dir the way the engine does.
func compileIn(t *testing.T, dir, entry string) (*compiled, *report.Failure) {
	t.Helper()
	return bundler{cwd: dir, external: []string{"wsrun", "wsrun/ws"}}.compile(filepath.Join(dir, filepath.FromSlash(entry)))
}

// runBundle runs a compiled bundle in a bare VM and returns what it threw.
func runBundle(t *testing.T, c *compiled) *goja.Exception {
	t.Helper()
	vm := newTestVM(t)
	fnV, err := vm.RunProgram(c.prog)
	if err != nil {
		t.Fatalf("running the bundle's wrapper: %v", err)
	}
	fn, _ := goja.AssertFunction(fnV)
	module := vm.NewObject()
	exports := vm.NewObject()
	_ = module.Set("exports", exports)
	_, err = fn(exports, exports, module)
	var ex *goja.Exception
	if !errors.As(err, &ex) {
		t.Fatalf("want the script to throw, got %v", err)
	}
	return ex
}

// newTestVM is a VM whose require returns a stand-in for the built-in modules, with an
// expect whose toBe throws.
func newTestVM(t *testing.T) *goja.Runtime {
	t.Helper()
	vm := goja.New()
	mod, err := vm.RunString(`({ expect: (v) => ({ toBe(w) { if (v !== w) throw new Error('not ' + w); } }), missing: undefined })`)
	if err != nil {
		t.Fatal(err)
	}
	_ = vm.Set("require", func(string) goja.Value { return mod })
	return vm
}

// userStackFrames is the positions of a stack that are in the user's files.
func userStackFrames(ex *goja.Exception) []string {
	var out []string
	for _, fr := range ex.Stack() {
		pos := fr.Position()
		if pos.Filename == "" || strings.HasPrefix(pos.Filename, wsrun.InternalPrefix) {
			continue
		}
		out = append(out, fmt.Sprintf("%s:%d:%d", displayName(pos.Filename), pos.Line, pos.Column))
	}
	return out
}

// TestBundledPositionsMatchGoja compiles plain JavaScript once directly with goja and once
// through the bundle: every stack position must be the same, which is what makes the source
// map exact rather than roughly right.
func TestBundledPositionsMatchGoja(t *testing.T) {
	cases := map[string]string{
		"throw in a function":   "function f(s) {\n  if (!s) throw new TypeError('x');\n}\nf('');\n",
		"call position":         "function parse(s) {\n  throw new Error(s);\n}\n\n  parse('12x');\n",
		"property of undefined": "const users = [{}];\nfunction typing() {\n  return users[0].typing.id;\n}\ntyping();\n",
		"not a function":        "const o = { a: {} };\no.a.b();\n",
		"reference error":       "let x = 1;\nx = missing + 1;\n",
		"arrow in callback":     "[1, 2].map((x) => {\n  return x.y.z;\n});\n",
		"method of a class":     "class A {\n  m() { throw new Error('m'); }\n}\nnew A().m();\n",
		"tabs":                  "if (true) {\n\tif (true) {\n\t\tnull.x;\n\t}\n}\n",
		"multi-line call":       "function f() { return undefined; }\nf(\n  1,\n  f().x,\n);\n",
		"template literal":      "const t = `a${1}b`; t.x.y;\n",
		"comments":              "/* c */ const a = null; /* d */ a.b; // e\n",
		"nested calls":          "function g() { throw new Error('g'); }\nfunction f() { return [1].map(() => g()); }\nf();\n",
		"first statement":       "null.x;\n",
	}
	// The first line differs: esbuild rewrites the uses of what an import binds, as
	// (0, import_wsrun.expect)(…), and the positions must still be those of the original.
	imports := map[string]string{
		"call of an imported function":       "expect(1).toBe(2);\n",
		"indented call with arguments":       "const a = 1;\n    expect(a + 1,\n  ).toBe(3);\n",
		"imported value that is no function": "const a = [1];\na.map(() => missing(a, 'x'));\n",
	}
	for name, rest := range imports {
		cases[name+" (as ES module)"] = "import { expect, missing } from 'wsrun';\n" + rest
		cases[name] = "const { expect, missing } = require('wsrun');\n" + rest
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			direct := func() []string {
				plain := src
				if strings.HasPrefix(src, "import") {
					plain = "const { expect, missing } = require('wsrun');" + src[strings.Index(src, "\n"):]
				}
				prog, err := goja.Compile("x.js", plain, false)
				if err != nil {
					t.Fatal(err)
				}
				_, err = newTestVM(t).RunProgram(prog)
				var ex *goja.Exception
				if !errors.As(err, &ex) {
					t.Fatalf("want a throw, got %v", err)
				}
				return userStackFrames(ex)
			}()
			dir := writeFiles(t, map[string]string{"x.js": src})
			c, fail := compileIn(t, dir, "x.js")
			if fail != nil {
				t.Fatalf("compile: %+v", fail)
			}
			got := userStackFrames(runBundle(t, c))
			if strings.Join(got, "\n") != strings.Join(direct, "\n") {
				t.Errorf("bundled stack\n  %s\nwant (goja on the original)\n  %s", strings.Join(got, "\n  "), strings.Join(direct, "\n  "))
			}
		})
	}
}

// TestBundledPositionsInOriginalFiles checks positions that only the source map can know:
// TypeScript whose types were stripped, imported helpers, non-ASCII text before the error.
func TestBundledPositionsInOriginalFiles(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		entry string
		want  []string
	}{{
		name: "TypeScript helper",
		files: map[string]string{
			"lib/parse.ts": "type P = number;\n\nexport function parse(text: string): P {\n  const s: string = text;\n  throw new TypeError(`bad ${s}`);\n}\n",
			"main.test.ts": "import { parse } from './lib/parse';\ninterface O { p: string }\nconst o: O = { p: 'x' };\nconst n: number = parse(o.p);\n",
		},
		entry: "main.test.ts",
		want:  []string{"lib/parse.ts:5:9", "main.test.ts:4:24"},
	}, {
		name: "CommonJS helper required from an ES module",
		files: map[string]string{
			"helper.cjs":   "module.exports = function boom() {\n  throw new Error('boom');\n};\n",
			"main.test.js": "import boom from './helper.cjs';\n\nboom();\n",
		},
		entry: "main.test.js",
		want:  []string{"helper.cjs:2:9", "main.test.js:3:5"},
	}, {
		name:  "non-ASCII text before the error",
		files: map[string]string{"u.ts": "const s: string = 'héllo wörld'; null[s];\n"},
		entry: "u.ts",
		want:  []string{"u.ts:1:38"},
	}, {
		name:  "a path that is not a plain URL",
		files: map[string]string{"my dir/100%/a#b.test.js": "\n  null.x;\n"},
		entry: "my dir/100%/a#b.test.js",
		want:  []string{"my dir/100%/a#b.test.js:2:8"},
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeFiles(t, tc.files)
			c, fail := compileIn(t, dir, tc.entry)
			if fail != nil {
				t.Fatalf("compile: %+v", fail)
			}
			got := userStackFrames(runBundle(t, c))
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("stack %v, want %v", got, tc.want)
			}
			for _, f := range got {
				file := f[:strings.Index(f, ":")]
				if c.sources[file] == "" {
					t.Errorf("no source text kept for %s (have %v)", file, keys(c.sources))
				}
			}
		})
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestBundleErrors checks that what esbuild refuses is reported at its original position.
func TestBundleErrors(t *testing.T) {
	cases := []struct {
		name    string
		files   map[string]string
		entry   string
		message string // a prefix
		loc     report.Location
	}{{
		name:    "unresolved import",
		files:   map[string]string{"a.test.ts": "import { x } from './nope';\nx();\n"},
		entry:   "a.test.ts",
		message: `Could not resolve "./nope"`,
		loc:     report.Location{File: "a.test.ts", Line: 1, Column: 19},
	}, {
		name:    "TypeScript syntax error in a helper",
		files:   map[string]string{"a.test.ts": "import './lib/h';\n", "lib/h.ts": "const a: = 1;\n"},
		entry:   "a.test.ts",
		message: `SyntaxError: Unexpected "="`,
		loc:     report.Location{File: "lib/h.ts", Line: 1, Column: 10},
	}, {
		name:    "Node built-in module",
		files:   map[string]string{"a.test.js": "const fs = require('fs');\n"},
		entry:   "a.test.js",
		message: `"fs" is a Node.js built-in module, not available in wsrun`,
		loc:     report.Location{File: "a.test.js", Line: 1, Column: 20},
	}, {
		name:    "package not installed",
		files:   map[string]string{"a.test.js": "import _ from 'lodash';\n"},
		entry:   "a.test.js",
		message: `Could not resolve "lodash" (a package is looked up in the node_modules folders`,
		loc:     report.Location{File: "a.test.js", Line: 1, Column: 15},
	}, {
		name:    "top-level await",
		files:   map[string]string{"a.test.js": "await sleep(1);\n"},
		entry:   "a.test.js",
		message: "SyntaxError: top-level await is not supported in wsrun scripts; await inside a test or a beforeAll hook instead (in a script for wsrun serve, which runs no tests: ws.serve(…).then((server) => …))",
		loc:     report.Location{File: "a.test.js", Line: 1, Column: 1},
	}, {
		name:    "column after non-ASCII text",
		files:   map[string]string{"a.test.js": "const s = 'ä'; s..x;\n"},
		entry:   "a.test.js",
		message: "SyntaxError: ",
		loc:     report.Location{File: "a.test.js", Line: 1, Column: 18},
	}, {
		// Not a SyntaxError: nothing is wrong with the file's syntax.
		name:    "asset without a loader",
		files:   map[string]string{"a.test.js": "import logo from './logo.png';\n", "logo.png": "x"},
		entry:   "a.test.js",
		message: `No loader is configured for ".png" files: logo.png (wsrun imports JavaScript, TypeScript, JSON, .txt and .css files)`,
		loc:     report.Location{File: "a.test.js", Line: 1, Column: 18},
	}, {
		name:    "syntax goja lacks",
		files:   map[string]string{"a.test.js": "\nconst r = 1;\nconst re = /a/v;\n"},
		entry:   "a.test.js",
		message: "SyntaxError: ",
		loc:     report.Location{File: "a.test.js", Line: 3, Column: 12},
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeFiles(t, tc.files)
			c, fail := compileIn(t, dir, tc.entry)
			if fail == nil {
				// Some syntax compiles and fails only when it runs; its position must be right then.
				ex := runBundle(t, c)
				fail = &report.Failure{Message: "SyntaxError: " + ex.Value().String()}
				if frames := userStackFrames(ex); len(frames) > 0 {
					var l report.Location
					i := strings.Index(frames[0], ":")
					l.File = frames[0][:i]
					_, _ = fmt.Sscanf(frames[0][i:], ":%d:%d", &l.Line, &l.Column)
					fail.Location = &l
				}
			}
			if !strings.HasPrefix(fail.Message, tc.message) {
				t.Errorf("message %q, want it to start with %q", fail.Message, tc.message)
			}
			if fail.Location == nil || *fail.Location != tc.loc {
				t.Errorf("location %+v, want %+v", fail.Location, tc.loc)
			}
		})
	}
}

// TestBundleOfAnyFileName runs a file named explicitly whatever its extension as JavaScript.
func TestBundleOfAnyFileName(t *testing.T) {
	dir := writeFiles(t, map[string]string{"smoke.k6": "export default function () {}\nnull.x;\n"})
	c, fail := compileIn(t, dir, "smoke.k6")
	if fail != nil {
		t.Fatalf("compile: %+v", fail)
	}
	if got := userStackFrames(runBundle(t, c)); len(got) == 0 || got[0] != "smoke.k6:2:6" {
		t.Errorf("stack %v, want smoke.k6:2:6 first", got)
	}
}

func TestVLQRoundTrip(t *testing.T) {
	for _, n := range []int{0, 1, -1, 15, 16, -16, 31, 32, 1000, -1000, 1 << 20} {
		b := appendVLQ(nil, n)
		got, err := decodeVLQs(string(b))
		if err != nil || len(got) != 1 || got[0] != n {
			t.Errorf("%d: encoded %q, decoded %v %v", n, b, got, err)
		}
	}
	if _, err := decodeVLQs("g"); err == nil {
		t.Error("want an error for a truncated VLQ")
	}
}

// TestMapForGojaMarksGlue checks the wrapper's lines and unmapped lines map to internalSource.
func TestMapForGojaMarksGlue(t *testing.T) {
	m := &mapping{sources: []string{"a.js"}, lines: [][]segment{nil, {{genCol: 2, src: 0, srcLine: 4, srcCol: 3}}}}
	raw, err := m.encodeForGoja(1, 1)
	if err != nil {
		t.Fatal(err)
	}
	var sm sourceMap
	if err := json.Unmarshal(raw, &sm); err != nil {
		t.Fatal(err)
	}
	lines, err := decodeMappings(sm.Mappings)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]segment{
		{{genCol: 1, src: 1, srcLine: 0, srcCol: 1}},
		{{genCol: 1, src: 1, srcLine: 1, srcCol: 1}},
		{{genCol: 3, src: 0, srcLine: 4, srcCol: 4}},
		{{genCol: 1, src: 1, srcLine: 3, srcCol: 1}},
	}
	if fmt.Sprint(lines[:4]) != fmt.Sprint(want) || sm.Sources[1] != internalSource {
		t.Errorf("got %v %v, want %v", lines, sm.Sources, want)
	}
}

// TestGojaSyntaxErrorsAreMapped checks the path for syntax that esbuild passes but goja
// refuses: the position is looked up in the source map.
func TestGojaSyntaxErrorsAreMapped(t *testing.T) {
	m := &mapping{sources: []string{"x.ts"}, lines: [][]segment{
		{{genCol: 0, src: 0, srcLine: 6, srcCol: 2}, {genCol: 4, src: 0, srcLine: 6, srcCol: 9}},
	}}
	_, fail := program("a = b c;", m)
	if fail == nil {
		t.Fatal("want a syntax error")
	}
	want := report.Location{File: "x.ts", Line: 7, Column: 10}
	if fail.Location == nil || *fail.Location != want || !strings.HasPrefix(fail.Message, "SyntaxError: ") || !strings.HasSuffix(fail.Message, gojaLacksNote) {
		t.Errorf("got %q at %+v, want a SyntaxError at %+v", fail.Message, fail.Location, want)
	}
}
