package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/wsrun/wsrun/runtime/report"
)

// buildReporters turns -r NAME[=PATH] into reporters. At most one may write to stdout; when
// every one writes to a file, pretty still prints to stdout. Files are written to a temporary
// name and renamed into place when the run ends, so CI never reads half a report.
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
		if !hasPath {
			if toStdout {
				return nil, closers, fmt.Errorf("-r %s: only one reporter may write to stdout; give the others a file, e.g. -r %s=report.out", spec, name)
			}
			toStdout = true
		}
		var w io.Writer = s.out
		c := colors
		if hasPath {
			af, err := createAtomic(path)
			if err != nil {
				return nil, closers, fmt.Errorf("-r %s: %w", spec, err)
			}
			closers = append(closers, af.commit)
			w, c = af, report.Colors{}
		}
		r, err := newReporter(name, w, c, f.verbose > 0)
		if err != nil {
			return nil, closers, err
		}
		reporters = append(reporters, r)
	}
	if !toStdout {
		reporters = append(reporters, report.NewPretty(s.out, report.PrettyOptions{Colors: colors, Verbose: f.verbose > 0}))
	}
	return reporters, closers, nil
}

// newReporter makes the reporter called name, writing to w. Colors c apply to the reporters for
// people (pretty, dot, github); the machine formats never color.
func newReporter(name string, w io.Writer, c report.Colors, verbose bool) (report.Reporter, error) {
	opts := report.PrettyOptions{Colors: c, Verbose: verbose}
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
	}
	return nil, fmt.Errorf("-r %s: unknown reporter; available: pretty, dot, tap, junit, json, github", name)
}

// atomicFile collects a report in a temporary file beside its destination and renames it
// into place on commit.
type atomicFile struct {
	*os.File
	dest string
}

func createAtomic(dest string) (*atomicFile, error) {
	dir := filepath.Dir(dest)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(dest)+".*.tmp")
	if err != nil {
		return nil, err
	}
	return &atomicFile{File: tmp, dest: dest}, nil
}

// commit renames the report into place, readable by everyone like any report; with keep
// false (a run that produced no report, such as "no test found") it removes it instead.
func (a *atomicFile) commit(keep bool) error {
	err := errors.Join(a.Sync(), a.Chmod(0o644), a.Close())
	if !keep {
		os.Remove(a.Name())
		return nil
	}
	if err == nil {
		err = os.Rename(a.Name(), a.dest)
	}
	if err != nil {
		os.Remove(a.Name())
		return fmt.Errorf("write report %s: %w", a.dest, err)
	}
	return nil
}
