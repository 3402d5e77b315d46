package watch

import (
	"slices"
	"testing"
)

func TestGraph(t *testing.T) {
	var g Graph
	g.Set("/p/a.test.js", []string{"/p/a.test.js", "/lib/h.js", "/p/u.js"}, false)
	g.Set("/p/b.test.js", []string{"/p/b.test.js", "/lib/h.js", "/p/node_modules/x/i.js"}, false)
	g.Set("/p/c.test.js", nil, false) // found, not loaded yet
	for _, tc := range []struct {
		name    string
		changed []string
		want    []string
	}{
		{"a shared import", []string{"/lib/h.js"}, []string{"/p/a.test.js", "/p/b.test.js"}},
		{"one file's import", []string{"/p/u.js"}, []string{"/p/a.test.js"}},
		{"a test file itself", []string{"/p/c.test.js"}, []string{"/p/c.test.js"}},
		{"nothing it knows", []string{"/p/other.js", "/p"}, nil},
		{"several", []string{"/p/u.js", "/p/c.test.js"}, []string{"/p/a.test.js", "/p/c.test.js"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := g.Affected(tc.changed); !slices.Equal(got, tc.want) {
				t.Errorf("Affected(%q) = %q, want %q", tc.changed, got, tc.want)
			}
		})
	}
	if got, want := g.Dirs(), []string{"/lib", "/p"}; !slices.Equal(got, want) {
		t.Errorf("Dirs() = %q, want %q (node_modules left out)", got, want)
	}

	// A failed bundle knows less: with keep, the earlier inputs stay; without, they go.
	g.Set("/p/a.test.js", []string{"/p/a.test.js"}, true)
	if got := g.Affected([]string{"/p/u.js"}); !slices.Equal(got, []string{"/p/a.test.js"}) {
		t.Errorf("kept inputs forgotten: %q", got)
	}
	g.Set("/p/a.test.js", []string{"/p/a.test.js"}, false)
	if got := g.Affected([]string{"/p/u.js"}); got != nil {
		t.Errorf("replaced inputs still affect: %q", got)
	}
	g.Remove("/p/b.test.js")
	if g.Has("/p/b.test.js") || !slices.Equal(g.Files(), []string{"/p/a.test.js", "/p/c.test.js"}) {
		t.Errorf("after Remove: Files() = %q", g.Files())
	}
}
