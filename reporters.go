package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/wsrun/wsrun/runtime/report"
	"github.com/wsrun/wsrun/runtime/safefile"
)

// buildReporters turns -r NAME[=PATH] into reporters. At most one may write to stdout; when
// every one writes to a file, pretty still prints to stdout. Files are written with safefile:
// a regular file is replaced when the run ends, so CI never reads half a report, and a device,
// FIFO or symlink is written through.
func (f *flags) buildReporters(s streams, colors report.Colors) ([]report.Reporter, []func(keep bool) error, error) {
	specs := f.reporters
	var reporters []report.Reporter
	var closers []func(keep bool) error
	toStdout := false
	for _, spec := range specs {
		name, path, hasPath := strings.Cut(spec, "=")
		if hasPath && path == "" {
			return nil, closers, fmt.Errorf("-r %s: the path after = is empty", spec)
		}
		if name == "" {
			return nil, closers, fmt.Errorf("-r %s: give the reporter's name before =, e.g. -r json%s", spec, spec)
		}
		if !hasPath {
			if toStdout {
				return nil, closers, fmt.Errorf("-r %s: only one reporter may write to stdout; give the others a file, e.g. -r %s=report.out", spec, name)
			}
			toStdout = true
		}
		var w io.Writer = s.out
		c := colors
		if hasPath {
			af, err := safefile.Create(path)
			if err != nil {
				return nil, closers, fmt.Errorf("-r %s: %w", spec, err)
			}
			closers = append(closers, commitReport(af))
			w, c = af, report.Colors{}
		}
		r, err := newReporter(name, w, report.PrettyOptions{Colors: c, Verbose: f.verbose > 0, Latency: f.latency})
		if err != nil {
			return nil, closers, err
		}
		reporters = append(reporters, r)
	}
	if !toStdout {
		reporters = append(reporters, report.NewPretty(s.out, report.PrettyOptions{Colors: colors, Verbose: f.verbose > 0, Latency: f.latency}))
	}
	return reporters, closers, nil
}

// newReporter makes the reporter called name, writing to w. opts (colors, -v, --latency) apply
// to the reporters for people (pretty, dot, github); the machine formats never color and
// always carry the latencies.
func newReporter(name string, w io.Writer, opts report.PrettyOptions) (report.Reporter, error) {
	switch name {
	case "pretty":
		return report.NewPretty(w, opts), nil
	case "dot":
		return report.NewDot(w, opts), nil
	case "github":
		return report.NewGitHub(w, opts), nil
	case "tap":
		return report.NewTAP(w), nil
	case "junit":
		return report.NewJUnit(w), nil
	case "json":
		return report.NewJSON(w), nil
	case "html":
		return report.NewHTML(w), nil
	}
	return nil, fmt.Errorf("-r %s: unknown reporter; available: pretty, dot, tap, junit, json, github, html", name)
}

// wantsTimelines: an html or json reporter is asked for, which need every test's whole
// conversation (engine.Options.Timelines).
func (f *flags) wantsTimelines() bool {
	for _, spec := range f.reporters {
		if name, _, _ := strings.Cut(spec, "="); name == "html" || name == "json" {
			return true
		}
	}
	return false
}

// commitReport puts a report file in place, or, with keep false (a run that produced no report,
// such as "no test found"), drops it.
func commitReport(f *safefile.File) func(keep bool) error {
	return func(keep bool) error {
		if !keep {
			return f.Abort()
		}
		if err := f.Commit(); err != nil {
			return fmt.Errorf("write report %s: %w", f.Name(), err)
		}
		return nil
	}
}
