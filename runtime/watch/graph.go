package watch

import (
	"path/filepath"
	"slices"
	"strings"
)

// Graph is what each test file was built from (report.FileResult.Inputs): the files a change
// affects are the test files that changed and those that import a changed file, directly or
// not. Paths are absolute. The zero value is empty and ready; one goroutine uses it.
type Graph struct {
	inputs map[string][]string // test file → its inputs, itself first
}

// Set records the inputs of file. With keep, the inputs known before stay too: a file that
// failed to bundle has an incomplete list, and a save that fixes an import it had must still
// re-run it.
func (g *Graph) Set(file string, inputs []string, keep bool) {
	if g.inputs == nil {
		g.inputs = map[string][]string{}
	}
	next := append([]string{file}, inputs...)
	if keep {
		next = append(next, g.inputs[file]...)
	}
	slices.Sort(next[1:])
	g.inputs[file] = slices.Concat(next[:1], slices.DeleteFunc(slices.Compact(next[1:]), func(p string) bool { return p == file }))
}

// Remove forgets file, a test file that was deleted.
func (g *Graph) Remove(file string) { delete(g.inputs, file) }

// Has says whether file is a known test file.
func (g *Graph) Has(file string) bool {
	_, ok := g.inputs[file]
	return ok
}

// Files are the known test files, sorted.
func (g *Graph) Files() []string {
	out := make([]string, 0, len(g.inputs))
	for f := range g.inputs {
		out = append(out, f)
	}
	slices.Sort(out)
	return out
}

// Affected are the test files, sorted, that changed or import a file in changed.
func (g *Graph) Affected(changed []string) []string {
	var out []string
	for file, inputs := range g.inputs {
		if slices.ContainsFunc(inputs, func(in string) bool { return slices.Contains(changed, in) }) {
			out = append(out, file)
		}
	}
	slices.Sort(out)
	return out
}

// Dirs are the directories of every input, sorted, except those inside node_modules (a
// package's files change when it is installed, and a watch of each of its directories would
// cost more than it tells).
func (g *Graph) Dirs() []string {
	var out []string
	for _, inputs := range g.inputs {
		for _, in := range inputs {
			dir := filepath.Dir(in)
			if !slices.Contains(strings.Split(filepath.ToSlash(dir), "/"), "node_modules") {
				out = append(out, dir)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
