package wsrun

import (
	"strings"
	"time"

	"github.com/dop251/goja"
)

// Mode says how a test or describe block was declared.
type Mode int

// The modes: test(), test.skip(), test.only(), test.todo().
const (
	Normal Mode = iota
	Skip
	Only
	Todo
)

// Sep joins describe names and the test name into a full name.
const Sep = " › "

// InternalPrefix starts the file name of every script wsrun runs that is not the user's:
// expect's library, the glue esbuild adds to a bundle, the engine's own snippets. Whoever
// looks for the user's line on a stack (a test's declaration, a failure's location) skips the
// stack frames in files named so.
const InternalPrefix = "wsrun:"

// Pos is where a test or hook was declared in the user's source.
type Pos struct {
	File      string
	Line, Col int
}

// Hook is a beforeAll/afterAll/beforeEach/afterEach function.
type Hook struct {
	Pos     Pos
	Kind    string // "beforeAll", …, for messages
	Fn      goja.Callable
	Timeout time.Duration // 0: the run's default
	Done    bool          // the function takes a done callback
}

// Test is one registered test.
type Test struct {
	Pos      Pos
	Name     string
	Fn       goja.Callable // nil for todo
	Args     []goja.Value  // arguments from test.each
	Mode     Mode
	Timeout  time.Duration // 0: the run's default
	Retries  int           // -1: the run's default
	Done     bool          // the function takes a done callback
	Parent   *Suite
	Selected bool // set by the engine: passes grep/only filters
}

// FullName is the describe path and the name, joined by " › ".
func (t *Test) FullName() string {
	parts := []string{t.Name}
	for s := t.Parent; s != nil && s.Parent != nil; s = s.Parent {
		parts = append(parts, s.Name)
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return strings.Join(parts, Sep)
}

// Skipped reports whether the test or any describe around it was declared skip.
func (t *Test) Skipped() bool {
	if t.Mode == Skip {
		return true
	}
	for s := t.Parent; s != nil; s = s.Parent {
		if s.Mode == Skip {
			return true
		}
	}
	return false
}

// InOnly reports whether the test or a describe around it was declared only.
func (t *Test) InOnly() bool {
	if t.Mode == Only {
		return true
	}
	for s := t.Parent; s != nil; s = s.Parent {
		if s.Mode == Only {
			return true
		}
	}
	return false
}

// Suite is a describe block; the file itself is the root suite, with no name.
type Suite struct {
	Pos                   Pos // where describe was called; zero for the file
	Name                  string
	Mode                  Mode
	Parent                *Suite
	Children              []any // *Test or *Suite, in declaration order
	BeforeAll, AfterAll   []Hook
	BeforeEach, AfterEach []Hook
}

// Tests returns every test in the suite and its descendants, in declaration order.
func (s *Suite) Tests() []*Test {
	var out []*Test
	for _, c := range s.Children {
		switch c := c.(type) {
		case *Test:
			out = append(out, c)
		case *Suite:
			out = append(out, c.Tests()...)
		}
	}
	return out
}

// Registry collects what a test file declares while its top level runs.
type Registry struct {
	Root    *Suite
	HasOnly bool
	current *Suite
	locked  string // non-empty once tests run: why registering now is an error
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	root := &Suite{}
	return &Registry{Root: root, current: root}
}

// Lock forbids further registration, e.g. a test() called from inside a running test.
func (r *Registry) Lock(why string) { r.locked = why }
