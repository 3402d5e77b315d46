package report

// Multi returns a Reporter that passes every call on to each of reporters, in order. Its RunDone
// calls RunDone on all of them and returns the first error, so one broken report file does not
// keep the others from being finished.
func Multi(reporters ...Reporter) Reporter {
	return multi(append([]Reporter(nil), reporters...))
}

type multi []Reporter

func (m multi) FileDone(f FileResult) {
	for _, r := range m {
		r.FileDone(f)
	}
}

func (m multi) RunDone(s Summary) error {
	var first error
	for _, r := range m {
		if err := r.RunDone(s); err != nil && first == nil {
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
