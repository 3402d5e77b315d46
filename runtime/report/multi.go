package report

import "fmt"

// Multi returns a Reporter that passes every call on to each of reporters, in order. Its RunDone
// calls RunDone on all of them and returns the first error, so one broken report file does not
// keep the others from being finished. A reporter that panics (a bug in it) gets no more calls;
// the others go on, and RunDone returns the panic as an error.
func Multi(reporters ...Reporter) Reporter {
	m := &multi{reporters: append([]Reporter(nil), reporters...)}
	m.panicked = make([]error, len(m.reporters))
	return m
}

type multi struct {
	reporters []Reporter
	panicked  []error // by index: why that reporter gets no more calls
}

// call runs fn for reporter i unless it panicked before, recording a panic.
func (m *multi) call(i int, fn func() error) (err error) {
	if m.panicked[i] != nil {
		return nil
	}
	defer func() {
		if x := recover(); x != nil {
			m.panicked[i] = fmt.Errorf("internal error in the %T reporter: %v", m.reporters[i], x)
		}
	}()
	return fn()
}

func (m *multi) FileDone(f FileResult) {
	for i, r := range m.reporters {
		_ = m.call(i, func() error { r.FileDone(f); return nil })
	}
}

func (m *multi) RunDone(s Summary) error {
	var first error
	for i, r := range m.reporters {
		if err := m.call(i, func() error { return r.RunDone(s) }); err != nil && first == nil {
			first = err
		}
	}
	for _, err := range m.panicked {
		if err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Funcs adapts plain functions to a Reporter, for tests and for callers that only want to
// observe results. Either field may be nil.
type Funcs struct {
	OnFile func(FileResult)
	OnRun  func(Summary) error
}

// FileDone calls OnFile when it is set.
func (f Funcs) FileDone(r FileResult) {
	if f.OnFile != nil {
		f.OnFile(r)
	}
}

// RunDone calls OnRun when it is set and returns its error.
func (f Funcs) RunDone(s Summary) error {
	if f.OnRun != nil {
		return f.OnRun(s)
	}
	return nil
}
