package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/wsrun/wsrun/runtime/engine"
	"github.com/wsrun/wsrun/runtime/safefile"
)

// checkOutputs refuses, before anything runs or is opened, the output paths a run could only
// misuse: a report path that is a directory or one of the test files (a symlink to one too),
// and a --trace-dir that cannot be written. Writing a report opens its path, and through a
// symlink that truncates the target, so this must come first.
func (f *flags) checkOutputs(o engine.Options) error {
	// A path that does not exist is reported by the run itself, as usual.
	tests, _ := engine.Files(o)
	var testInfos []os.FileInfo
	for _, t := range tests {
		if info, err := os.Stat(t); err == nil {
			testInfos = append(testInfos, info)
		}
	}
	for _, spec := range f.reporters {
		_, path, ok := strings.Cut(spec, "=")
		if !ok || path == "" {
			continue
		}
		if err := safefile.Check(path); errors.Is(err, safefile.ErrIsDir) {
			return fmt.Errorf("-r %s: %s is a directory; give a file path, such as %s", spec, path, filepath.Join(path, "report.out"))
		}
		info, err := os.Stat(path)
		if err != nil {
			continue
		}
		for i, t := range testInfos {
			if os.SameFile(info, t) {
				return fmt.Errorf("-r %s: %s is the test file %s of this run; the report would overwrite it", spec, path, tests[i])
			}
		}
	}
	if f.traceDir != "" {
		if err := writableDir(f.traceDir); err != nil {
			return fmt.Errorf("--trace-dir %s: %w", f.traceDir, err)
		}
	}
	return nil
}

// writableDir makes dir if needed and proves a file can be created in it, so that a trace
// directory that cannot take the traces stops the run before it starts rather than after
// every test.
func writableDir(dir string) error {
	if info, err := os.Stat(dir); err == nil && !info.IsDir() {
		return errors.New("is not a directory")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot create it: %w", errors.Unwrap(err))
	}
	probe, err := os.CreateTemp(dir, ".wsrun-probe-*")
	if err != nil {
		return fmt.Errorf("cannot write in it: %w", errors.Unwrap(err))
	}
	probe.Close()
	return os.Remove(probe.Name())
}
