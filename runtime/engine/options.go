package engine

import (
	"errors"
	"io"
	"regexp"
	"time"

	"github.com/wsrun/wsrun/jsapi/ws"
	"github.com/wsrun/wsrun/runtime/report"
)

// Defaults used when an Options field is zero.
const (
	DefaultTimeout       = 30 * time.Second
	DefaultExpectTimeout = ws.DefaultExpectTimeout
)

// ErrNoTests is returned by Run when no test was found or selected.
var ErrNoTests = errors.New("no test found")

// NoTestSelected is the ErrNoTests of a run whose files declared tests that the selection
// (Options.Grep, GrepInvert, Select, .only in another file) all left out: a filter that
// matches nothing is a different mistake from a path without tests.
type NoTestSelected struct {
	Tests, Files int // what the files declared
}

func (e *NoTestSelected) Error() string { return "no test selected (" + e.Declared() + ")" }

// Is makes errors.Is(err, ErrNoTests) hold.
func (e *NoTestSelected) Is(target error) bool { return target == ErrNoTests }

// Declared reads "12 tests in 3 files".
func (e *NoTestSelected) Declared() string {
	return report.Plural(e.Tests, "test") + " in " + report.Plural(e.Files, "file")
}

// noTests is the ErrNoTests of a run: a NoTestSelected when files declared tests.
func (r *runner) noTests() error {
	if n := r.declaredTests.Load(); n > 0 {
		return &NoTestSelected{Tests: int(n), Files: int(r.declaredFiles.Load())}
	}
	return ErrNoTests
}

// ErrBadOptions is returned by Run, wrapped, when an Options field holds a value that has no
// meaning, such as a negative timeout.
var ErrBadOptions = errors.New("bad engine options")

// Options configures a run. The zero value runs the tests under "." with the defaults.
type Options struct {
	// Paths are files and directories; directories are searched for *.test.* and *.spec.*.
	Paths []string
	// Cwd is where relative paths start and what shown paths are relative to; default: the
	// process's working directory.
	Cwd string
	// Parallel is how many files run at once, each in its own VM; default: number of CPUs.
	Parallel int
	// Timeout is the per-test (and per-hook) timeout; ExpectTimeout the default wait of every
	// expect* on a connection. Zero means the default (DefaultTimeout, DefaultExpectTimeout);
	// there is no way to turn either off, and a negative one makes Run fail with ErrBadOptions.
	Timeout, ExpectTimeout time.Duration
	// Env is process.env as scripts see it. Its CI variable also decides how snapshots
	// behave: when it is set and not "false", a missing snapshot fails instead of being
	// written (as Jest's --ci). The OS environment is not consulted.
	Env map[string]string
	// UpdateSnapshots (-u) rewrites snapshots that differ, writes missing ones even in CI,
	// and removes the ones no test uses any more.
	UpdateSnapshots bool
	// Grep selects tests whose full name matches; GrepInvert leaves out those that match.
	Grep, GrepInvert *regexp.Regexp
	// Select, when set, must also accept a test for it to run: file is the path as shown
	// (relative to Cwd) and fullName the describe path and name joined by " › ".
	Select func(file, fullName string) bool
	// Bail stops starting tests after this many failures; 0 never stops.
	Bail int
	// Retries reruns a failed test up to this many times; a test's own retries option wins.
	Retries int
	// List prints the selected tests to ListOut instead of running them.
	List    bool
	ListOut io.Writer
	// Reporters receive the results. Run calls them from one goroutine.
	Reporters []report.Reporter
	// RunInfo describes the run to the reporters (Summary.Run, the JSON report's "run"
	// object): wsrun's version and the reporter options. Run sets its Start and Shard.
	RunInfo report.RunInfo
	// Shard runs only slice Shard.Index (1-based) of Shard.Count of the files; zero: all.
	// Another Index outside 1..Count makes Run fail with ErrBadOptions.
	Shard Shard
	// PassWithNoTests makes "no test found" a success.
	PassWithNoTests bool
	// Insecure skips TLS certificate checks for wss:// and https://.
	Insecure bool
	// Live, when set, receives every frame sent and received as it happens (-vv).
	Live io.Writer
	// TraceDir, when set, receives one JSON Lines transcript per test.
	TraceDir string
	// Timelines keeps every test's whole conversation, waits included, in
	// TestResult.Timeline (capped: report.TimelineBuilder), for the HTML and JSON reports.
	Timelines bool
	// Redact adds names to redact.Names: the values of URL query parameters, form fields,
	// headers and JSON or object keys with one of these names are written as [REDACTED] in
	// every report, console output, transcript, trace file, Live line and failure message.
	// Scripts still see the real values. NoRedact turns redaction off.
	Redact   []string
	NoRedact bool
	// Modules are JS modules the host program provides, by the name scripts import them as.
	Modules map[string]Module
	// MaxMemory is the Go heap, in bytes, past which the running tests are stopped and fail
	// with "used more than N MiB"; the rest of their files is not run. It counts the whole
	// process's heap. Zero: DefaultMaxMemory(); negative: no limit.
	MaxMemory int64
}

// Shard is the I-th of N deterministic slices of the test files.
type Shard struct{ Index, Count int }

func (o *Options) expectTimeout() time.Duration {
	if o.ExpectTimeout > 0 {
		return o.ExpectTimeout
	}
	return DefaultExpectTimeout
}

func (o *Options) maxMemory() int64 {
	if o.MaxMemory == 0 {
		return DefaultMaxMemory()
	}
	return o.MaxMemory
}

func (o *Options) timeout() time.Duration {
	if o.Timeout > 0 {
		return o.Timeout
	}
	return DefaultTimeout
}
