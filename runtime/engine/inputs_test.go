package engine_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/wsrun/wsrun/runtime/engine"
	"github.com/wsrun/wsrun/runtime/report"
)

// FileResult.Inputs are the files a test file was built from (esbuild's metafile): itself
// first, then its imports, direct or not, wherever they are; the wsrun built-ins are not
// files. When the bundle fails, the file and the one the error is in.
func TestFileResultInputs(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"shared/lib.js":       "export const lib = 1;\n",
		"app/util.ts":         "import { lib } from '../shared/lib.js';\nexport const util: number = lib;\n",
		"app/data.json":       "{\"n\": 1}\n",
		"app/ok.test.js":      "import { util } from './util.ts';\nimport data from './data.json';\nimport { ws } from 'wsrun';\ntest('ok', () => { expect(util + data.n).toBe(2); });\n",
		"app/alone.test.js":   "test('alone', () => {});\n",
		"app/broken.test.js":  "import { bad } from './bad.js';\ntest('broken', () => { bad(); });\n",
		"app/bad.js":          "export const bad = ( => 1;\n",
		"app/missing.test.js": "import { x } from './nowhere.js';\ntest('m', () => {});\n",
	}
	for name, text := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var got capture
	_, err := engine.Run(context.Background(), engine.Options{Cwd: filepath.Join(dir, "app"), Reporters: []report.Reporter{&got}})
	if err != nil {
		t.Fatal(err)
	}
	abs := func(names ...string) []string {
		var out []string
		for _, n := range names {
			out = append(out, filepath.Join(dir, filepath.FromSlash(n)))
		}
		return out
	}
	want := map[string][]string{
		"ok.test.js":      abs("app/ok.test.js", "app/data.json", "app/util.ts", "shared/lib.js"),
		"alone.test.js":   abs("app/alone.test.js"),
		"broken.test.js":  abs("app/broken.test.js", "app/bad.js"),
		"missing.test.js": abs("app/missing.test.js"),
	}
	if len(got.files) != len(want) {
		t.Fatalf("%d files reported, want %d", len(got.files), len(want))
	}
	for _, f := range got.files {
		if !slices.Equal(f.Inputs, want[f.Path]) {
			t.Errorf("%s: Inputs %q, want %q", f.Path, f.Inputs, want[f.Path])
		}
	}
}
