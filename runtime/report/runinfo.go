package report

import "time"

// RunInfo describes a run rather than its results: which wsrun ran it, when, which shard it
// was, and the options that change what the reporters for people print. The JSON report
// carries it as its "run" object, so that merging the reports of shards (Merge) can print
// what one run would have printed.
type RunInfo struct {
	// Version is the version of wsrun that ran the tests ("dev" for a build from a checkout).
	Version string `json:"version,omitempty"`
	// Start is when the run started; zero when unknown.
	Start time.Time `json:"start,omitzero"`
	// Shard is the slice of the test files this run ran (--shard); zero when it ran them all.
	Shard Shard `json:"shard,omitzero"`
	// FileSet identifies the test files a sharded run dealt out before taking its shard (a
	// hash of their paths): shards of one run have the same, and Merge tells shards of runs
	// over other files (another checkout, other paths) by it. Empty when not sharded.
	FileSet string `json:"fileSet,omitempty"`
	// Merged is how many reports Merge combined into this run; 0 for a run that ran.
	Merged int `json:"merged,omitempty"`
	// Verbose (-v) prints the console output of passing tests too.
	Verbose bool `json:"verbose"`
	// Latency (--latency) prints the table of the run's operations above the summary.
	Latency bool `json:"latency"`
}

// Shard is the Index-th (1-based) of Count slices of a run's test files.
type Shard struct {
	Index int `json:"index"`
	Count int `json:"count"`
}
