package expect

import (
	"github.com/dop251/goja"
)

// Snapshots is the store behind toMatchSnapshot; a runner keeps one per test file. The
// matcher serializes the received value (with property matchers merged in) and the store
// decides, by its key, whether it matches, is written, or is updated. Its methods are
// called on the loop goroutine, from inside the matcher.
type Snapshots interface {
	// Match compares received, a value's snapshot text, with the snapshot of name's next
	// call: name is the test's full name, followed by ": hint" when the matcher was given
	// a hint, and the key is name and the call's number, "login › works 1".
	Match(name, received string) SnapshotResult
	// Fail takes name's next key without comparing, for a call whose property matchers did
	// not match; what is stored under it stays. It returns the key.
	Fail(name string) string
}

// SnapshotResult is what Snapshots.Match decided.
type SnapshotResult struct {
	// Key is the snapshot's key in the .snap file.
	Key string
	// Pass is true when the snapshot was equal, or has just been written or updated.
	Pass bool
	// Expected is the stored snapshot that received differs from.
	Expected string
	// Missing means there was no snapshot and none was written (CI is set).
	Missing bool
	// Err is why no comparison could be made, e.g. an unreadable .snap file.
	Err error
}

// SetSnapshots makes toMatchSnapshot compare with s, through expect.setState({
// snapshotState }), as Jest does. Without it the matcher fails with a matcher error.
func (e *Expect) SetSnapshots(s Snapshots) error {
	e.snapshots = s
	if !e.loaded { // load sets it
		return nil
	}
	state := e.vm.NewObject()
	match := func(name, received string) goja.Value {
		r := s.Match(name, received)
		obj := e.vm.NewObject()
		_ = obj.Set("key", r.Key)
		_ = obj.Set("pass", r.Pass)
		_ = obj.Set("expected", r.Expected)
		_ = obj.Set("missing", r.Missing)
		if r.Err != nil {
			_ = obj.Set("error", r.Err.Error())
		}
		return obj
	}
	if err := state.Set("match", match); err != nil {
		return err
	}
	if err := state.Set("fail", s.Fail); err != nil {
		return err
	}
	fields := e.vm.NewObject()
	_ = fields.Set("snapshotState", state)
	_, err := e.setState(e.value, fields)
	return err
}

// SetTestName sets expect.getState().currentTestName, which toMatchSnapshot's keys start
// with: the running test's full name, or "" between tests, where toMatchSnapshot fails
// with a matcher error.
func (e *Expect) SetTestName(name string) {
	e.testName, e.testNameSet = name, true
	if !e.loaded { // load sets it
		return
	}
	fields := e.vm.NewObject()
	var v goja.Value = goja.Undefined()
	if name != "" {
		v = e.vm.ToValue(name)
	}
	_ = fields.Set("currentTestName", v)
	// setState only assigns fields; it can fail only when the VM is being interrupted.
	_, _ = e.setState(e.value, fields)
}
