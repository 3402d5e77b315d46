package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/pflag"
	"github.com/wsrun/wsrun/runtime/redact"
	"github.com/wsrun/wsrun/runtime/report"
)

const mergeUsage = `wsrun merge-reports merges the JSON reports of a sharded run (wsrun --shard I/N -r json=PATH
on each machine) into the reports of one run: every -r reporter, pretty on stdout by default.
Counts, flaky tests, snapshots and latencies are those of one unsharded run. The exit code is
the merged run's: 0 when every test passed, 1 when one failed, a shard was interrupted or a
shard's report is missing, 2 when a report cannot be read or merged.

Usage:
  wsrun merge-reports [flags] report.json ...

Flags:
`

// runMerge is `wsrun merge-reports [flags] report.json…`: it reads the reports, merges them
// (report.Merge) and replays the merged run through the reporters -r names, built as a run
// builds them.
func runMerge(args []string, s streams) int {
	var f flags
	fs := pflag.NewFlagSet("wsrun merge-reports", pflag.ContinueOnError)
	fs.SortFlags = false
	fs.SetOutput(io.Discard)
	fs.StringArrayVarP(&f.reporters, "reporter", "r", nil, reporterFlagHelp)
	fs.CountVarP(&f.verbose, "verbose", "v", "print console output of passing tests too (on when a shard ran with -v)")
	fs.BoolVar(&f.latency, "latency", false, "print the latency table above the summary (on when a shard ran with --latency)")
	fs.StringVar(&f.color, "color", "auto", "auto, always or never")
	addRedactFlags(fs, &f)
	fs.BoolVarP(&f.help, "help", "h", false, "show this help")
	// Messages name paths and tests from the reports, which could hold escape sequences.
	fail := func(format string, a ...any) int {
		fmt.Fprintf(s.err, "wsrun merge-reports: %s\n", report.EscapeControls(fmt.Sprintf(format, a...)))
		return exitUsage
	}
	if err := fs.Parse(args); err != nil {
		fmt.Fprintf(s.err, "wsrun merge-reports: %v\n\n%s%s", err, mergeUsage, fs.FlagUsages())
		return exitUsage
	}
	if f.help {
		fmt.Fprint(s.out, mergeUsage+fs.FlagUsages())
		return exitOK
	}
	if fs.NArg() == 0 {
		fmt.Fprintf(s.err, "wsrun merge-reports: give the JSON reports to merge, e.g. wsrun merge-reports shard-*.json\n\n%s%s", mergeUsage, fs.FlagUsages())
		return exitUsage
	}
	colorOn, err := report.ColorEnabled(f.color, s.terminal, s.getenv)
	if err == nil {
		err = checkReportPaths(f.reporters, fs.Args(), "the report %s being merged")
	}
	// A shard's JSON report is redacted as it was written, unless the shard ran with
	// --no-redact or it was written by a host program: merge-reports writes output too, and
	// redacts it as a run does (SPEC 9). Redacting text twice hides nothing more.
	var red *redact.Redactor
	if err == nil {
		red, err = f.redactor()
	}
	if err != nil {
		return fail("%v", err)
	}
	runs := make([]report.Run, 0, fs.NArg())
	for _, path := range fs.Args() {
		r, err := readReport(path)
		if err != nil {
			return fail("%s: %v", path, err)
		}
		runs = append(runs, r)
	}
	merged, warnings, err := report.Merge(runs, fs.Args())
	if err != nil {
		return fail("%v", err)
	}
	for _, w := range warnings {
		fmt.Fprintf(s.err, "wsrun merge-reports: warning: %s\n", report.EscapeControls(w))
	}
	sum := merged.Summary
	if sum.Run.Verbose && f.verbose == 0 {
		f.verbose = 1
	}
	f.latency = f.latency || sum.Run.Latency
	reporters, closers, err := f.buildReporters(s, report.NewColors(colorOn))
	if err != nil {
		closeAll(closers, false, s.err)
		return fail("%v", err)
	}
	rep := report.Multi(reporters...)
	for _, file := range merged.Files {
		if red != nil {
			file = file.MapText(red.String)
		}
		rep.FileDone(file)
	}
	if red != nil {
		sum = sum.MapText(red.String)
	}
	err = rep.RunDone(sum)
	if !closeAll(closers, err == nil, s.err) && err == nil {
		return exitFailed
	}
	switch {
	case err != nil:
		return fail("%v", err)
	case !sum.OK():
		return exitFailed
	}
	return exitOK
}

// readReport reads one JSON report, saying what to do when it is not one.
func readReport(path string) (report.Run, error) {
	file, err := os.Open(path)
	if err != nil {
		return report.Run{}, errors.Unwrap(err)
	}
	defer file.Close()
	r, err := report.ReadJSON(file)
	if errors.Is(err, report.ErrNotJSONReport) {
		return r, fmt.Errorf("%w; merge-reports reads what wsrun -r json=PATH writes", err)
	}
	return r, err
}
