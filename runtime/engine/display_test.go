package engine

import (
	"path/filepath"
	"testing"

	"github.com/dop251/goja/file"
)

// TestDisplayPath: relative under the working directory, absolute outside it, and a source
// name goja is given comes back as the same path (a leading slash included).
func TestDisplayPath(t *testing.T) {
	cwd := filepath.FromSlash("/home/me/app")
	for abs, want := range map[string]string{
		"/home/me/app/x.test.js":     "x.test.js",
		"/home/me/app/..x.test.js":   "..x.test.js",
		"/home/me/app/sub/y.test.ts": "sub/y.test.ts",
		"/home/me/x.test.js":         "/home/me/x.test.js",
		"/home/me/app2/x.test.js":    "/home/me/app2/x.test.js",
	} {
		if got := displayPath(cwd, filepath.FromSlash(abs)); got != want {
			t.Errorf("displayPath(%s) = %q, want %q", abs, got, want)
		}
	}
	for _, p := range []string{"x.test.js", "/tmp/a b/x%.test.js", "../x.test.js", "C:/dir/x.test.js", `bad\x1b.test.js`,
		"p%41.test.js", "/tmp/p%41.test.js", "a:b.test.js", "a:b%41.test.js", "sp ace/x#y?.test.js", "ü/%zz.test.js"} {
		// As goja names the source in positions and stacks.
		name := file.ResolveSourcemapURL(bundleName, escapeSource(p)).String()
		if got := displayName(name); got != p {
			t.Errorf("displayName(%q) = %q, want %q", name, got, p)
		}
	}
}
