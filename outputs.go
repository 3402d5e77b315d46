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
	if err := checkReportPaths(f.reporters, tests, "the test file %s of this run"); err != nil {
		return err
	}
	if f.traceDir != "" {
		if err := writableDir(f.traceDir); err != nil {
			return fmt.Errorf("--trace-dir %s: %w", f.traceDir, err)
		}
	}
	return nil
}

// checkReportPaths refuses a -r path that is a directory, a file that another -r gives too
// (only the report committed last would be kept), or that is one of inputs (a symlink to one too), which
// the report would overwrite; what says what an input is, around its path.
func checkReportPaths(specs, inputs []string, what string) error {
	var infos []os.FileInfo
	var shown []string
	for _, in := range inputs {
		if info, err := os.Stat(in); err == nil {
			infos, shown = append(infos, info), append(shown, in)
		}
	}
	seen := map[string]string{}
	for _, spec := range specs {
		_, path, ok := strings.Cut(spec, "=")
		if !ok || path == "" {
			continue
		}
		// A device, FIFO or symlink is written through, so both reports reach it
		// (-r json=/dev/null -r junit=/dev/null); a file is replaced, so one would be lost.
		if info, err := os.Lstat(path); err != nil || info.Mode().IsRegular() {
			abs, err := filepath.Abs(path)
			if err != nil {
				abs = filepath.Clean(path)
			}
			if other, dup := seen[abs]; dup {
				return fmt.Errorf("-r %s: -r %s writes to %s too, and only one report would be kept; give each report its own file", spec, other, path)
			}
			seen[abs] = spec
		}
		if err := safefile.Check(path); errors.Is(err, safefile.ErrIsDir) {
			return fmt.Errorf("-r %s: %s is a directory; give a file path, such as %s", spec, path, filepath.Join(path, "report.out"))
		}
		info, err := os.Stat(path)
		if err != nil {
			continue
		}
		for i, in := range infos {
			if os.SameFile(info, in) {
				return fmt.Errorf("-r %s: %s is %s; the report would overwrite it", spec, path, fmt.Sprintf(what, shown[i]))
			}
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
