// Package report owns test results as data, their aggregation into a run's summary, and the
// reporters that turn them into output: for people NewPretty, NewDot and NewGitHub (pretty
// plus workflow-command annotations), for machines NewJUnit, NewTAP and NewJSON
// (docs/reports.md describes each format). Every reporter that shows failures in full uses the
// pretty reporter's code for it, so a failure reads the same in all of them.
// ReadJSON reads a JSON report back into results, and Merge combines the runs of shards into
// one, which any reporter then prints as that run (wsrun merge-reports).
//
// Results are plain values (FileResult, TestResult, Failure, Transcript): a failing test is data
// in a result, never a Go error. A Go error from a reporter means its output could not be
// written.
//
// # Goroutines
//
// The package starts no goroutines. Aggregators and reporters are not safe for concurrent use:
// the engine serialises every call, handing over one whole file at a time, so output of files
// that ran in parallel never interleaves. Reporters write only to the io.Writer they are given,
// and colors are a Colors value passed in, never global state, so tests can run reporters side
// by side.
//
// # Usage
//
//	on, err := report.ColorEnabled(flagColor, isTerminal, os.Getenv)
//	if err != nil { … }
//	rep := report.NewPretty(os.Stdout, report.PrettyOptions{Colors: report.NewColors(on), Cwd: cwd})
//	var agg report.Aggregator
//	for _, f := range files { // as each file finishes
//		agg.Add(f)
//		rep.FileDone(f)
//	}
//	err = rep.RunDone(agg.Summary(time.Since(start), interrupted))
package report
