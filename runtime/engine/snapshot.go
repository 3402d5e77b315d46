package engine

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"github.com/wsrun/wsrun/jsapi/wsrun/expect"
	"github.com/wsrun/wsrun/runtime/report"
)

// snapshots is the snapshot store of one test file: the entries of its
// __snapshots__/<file>.snap, the counters behind the keys, and what the running test did,
// kept apart until the test is over so that a retry starts afresh. The file is written
// once, by save, at the end of the file's run. It belongs to the file's loop goroutine.
type snapshots struct {
	path, display string // the .snap file: absolute, and as shown
	update        bool   // -u: rewrite what differs, remove what no test uses
	ci            bool   // CI is set: a missing snapshot fails instead of being written
	loadErr       error  // the file could not be read; without -u every comparison fails

	data     map[string]string // what the file will hold, by key
	counters map[string]int    // calls so far per name, of the tests that ended
	checked  map[string]bool   // keys some test compared, matched or not
	written  int
	updated  int
	test     snapshotAttempt
}

// snapshotAttempt is what the running attempt of a test did.
type snapshotAttempt struct {
	counters map[string]int
	checked  []string
	writes   []snapshotWrite
}

type snapshotWrite struct {
	key, value string
	update     bool // it replaces a stored snapshot
}

// openSnapshots reads the file's snapshots and hands them to expect's toMatchSnapshot.
func (f *fileRun) openSnapshots() error {
	f.snaps = newSnapshots(f.file, f.r.opts)
	return f.expect.SetSnapshots(f.snaps)
}

// saveSnapshots writes the file's snapshots after its tests ran and reports what changed.
// Obsolete snapshots are looked for only when every test of the file was selected and the
// run was not cut short (interrupted, --bail).
func (f *fileRun) saveSnapshots() {
	complete := f.ctx.Err() == nil && !f.r.bailed()
	for _, t := range f.reg.Root.Tests() {
		complete = complete && t.Selected
	}
	res, err := f.snaps.save(complete, f.result.Tests)
	f.result.Snapshots = res
	if err != nil {
		f.fileError(report.Failure{Message: err.Error()})
	}
}

// newSnapshots reads tf's .snap file, if there is one. A file that cannot be read is
// remembered, not fatal: it fails the comparisons (or, with -u, is rewritten).
func newSnapshots(tf testFile, opts Options) *snapshots {
	s := &snapshots{
		path: snapPath(tf.abs), display: snapPath(tf.display), update: opts.UpdateSnapshots,
		ci:   isCI(opts.Env["CI"]),
		data: map[string]string{}, counters: map[string]int{}, checked: map[string]bool{},
	}
	src, err := os.ReadFile(s.path)
	switch {
	case errors.Is(err, os.ErrNotExist), errors.Is(err, syscall.ENOTDIR):
		return s // none yet; if __snapshots__ is not a directory, writing will say so
	case err != nil:
		s.loadErr = err
	default:
		s.data, s.loadErr = parseSnapshots(s.path, string(src), opts.maxMemory())
	}
	if s.loadErr != nil {
		s.loadErr = fmt.Errorf("cannot read the snapshot file %s: %v (run with -u to rewrite it)", s.display, s.loadErr)
		s.data = map[string]string{}
	}
	return s
}

// isCI reads the CI variable as Jest's --ci default does: set, and not "false".
func isCI(v string) bool {
	return v != "" && !strings.EqualFold(v, "false")
}

// begin starts an attempt of a test, dropping whatever an earlier attempt did. Like
// commit, it does nothing on a nil store (a file run by wsrun serve has none).
func (s *snapshots) begin() {
	if s != nil {
		s.test = snapshotAttempt{counters: map[string]int{}}
	}
}

// commit keeps what the test's last attempt did.
func (s *snapshots) commit() {
	if s == nil {
		return
	}
	for name, n := range s.test.counters {
		s.counters[name] += n
	}
	for _, k := range s.test.checked {
		s.checked[k] = true
	}
	for _, w := range s.test.writes {
		s.data[w.key] = w.value
		if w.update {
			s.updated++
		} else {
			s.written++
		}
	}
	s.begin()
}

// next returns the key of name's next call and marks it as used.
func (s *snapshots) next(name string) string {
	if s.test.counters == nil {
		s.begin()
	}
	s.test.counters[name]++
	key := name + " " + strconv.Itoa(s.counters[name]+s.test.counters[name])
	s.test.checked = append(s.test.checked, key)
	return key
}

// Match implements expect.Snapshots.
func (s *snapshots) Match(name, received string) expect.SnapshotResult {
	key := s.next(name)
	if s.loadErr != nil && !s.update {
		return expect.SnapshotResult{Key: key, Err: s.loadErr}
	}
	stored, ok := s.data[key]
	switch {
	case ok && stored == received:
	case ok && !s.update:
		return expect.SnapshotResult{Key: key, Expected: stored}
	case !ok && s.ci && !s.update:
		return expect.SnapshotResult{Key: key, Missing: true}
	default:
		s.test.writes = append(s.test.writes, snapshotWrite{key: key, value: received, update: ok})
	}
	return expect.SnapshotResult{Key: key, Pass: true}
}

// Fail implements expect.Snapshots.
func (s *snapshots) Fail(name string) string { return s.next(name) }

// save finds the obsolete snapshots, writes the file if anything changed, and says what
// happened. complete means every test of the file was selected and the run was not cut
// short, so a snapshot no test used is obsolete; even then, the snapshots of tests that
// failed or were skipped are kept, as Jest keeps them.
func (s *snapshots) save(complete bool, tests []report.TestResult) (*report.FileSnapshots, error) {
	s.commit()
	var obsolete []string
	if complete && s.loadErr == nil {
		for key := range s.data {
			if !s.checked[key] && !ownedByAny(key, tests) {
				obsolete = append(obsolete, key)
			}
		}
		slices.SortFunc(obsolete, naturalCompare)
	}
	res := &report.FileSnapshots{Path: s.display, Written: s.written, Updated: s.updated}
	if s.update {
		for _, k := range obsolete {
			delete(s.data, k)
		}
		res.Removed = obsolete
	} else {
		res.Obsolete = obsolete
	}
	var err error
	if s.written+s.updated+len(res.Removed) > 0 {
		if err = s.write(); err != nil {
			// None of it happened: the file fails with err, and no report counts the writes.
			res.Written, res.Updated, res.Removed = 0, 0, nil
		}
	}
	if res.Written+res.Updated+len(res.Removed)+len(res.Obsolete) == 0 {
		res = nil
	}
	return res, err
}

// ownedByAny reports whether key belongs to a test that did not pass: its name is the
// key without the call number, or that name followed by ": hint".
func ownedByAny(key string, tests []report.TestResult) bool {
	name := key
	if i := strings.LastIndexByte(key, ' '); i >= 0 {
		name = key[:i]
	}
	for _, t := range tests {
		if t.Status != report.Passed && (name == t.FullName || strings.HasPrefix(name, t.FullName+": ")) {
			return true
		}
	}
	return false
}
