package main

import (
	"runtime/debug"
	"time"
)

// Start-up tuning: a run's first milliseconds allocate a few MB (compiling the expect library,
// esbuild's runtime, the first VM), and a collection in the middle of that cost about 3 ms of
// a 17 ms start, measured with hyperfine on one empty test. So the collector is off for the
// first startupPhase, with startupHeap as a safety net; then the settings the runtime had
// apply again, and memory on long runs is as without it.
const (
	startupHeap  = 32 << 20
	startupPhase = 30 * time.Millisecond
)

// tuneStartupGC turns the collector off for the start-up phase and returns what ends the
// phase, which restores the collector's settings as they were. When the environment sets
// GOGC or GOMEMLIMIT, that is the user's own tuning: it is left alone and the result is nil.
func tuneStartupGC(getenv func(string) string) (restore func()) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return nil
	}
	percent := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(startupHeap)
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}
