package main

import (
	"errors"
	"fmt"

	"github.com/spf13/pflag"
	"github.com/wsrun/wsrun/runtime/redact"
)

// addRedactFlags adds --redact and --no-redact, which wsrun and wsrun serve share.
func addRedactFlags(fs *pflag.FlagSet, f *flags) {
	fs.StringArrayVar(&f.redact, "redact", nil, "also write the value of URL parameters, headers and JSON fields named `NAME` as [REDACTED] (repeatable)")
	fs.BoolVar(&f.noRedact, "no-redact", false, "write secrets (token, password, …) in output as they are")
}

// checkRedact rejects --redact names that could never match, before any report is opened.
func (f *flags) checkRedact() error {
	if f.noRedact && len(f.redact) > 0 {
		return errors.New("--redact and --no-redact contradict each other; give one of them")
	}
	if _, err := redact.New(f.redact); err != nil {
		return fmt.Errorf("--redact: %w", err)
	}
	return nil
}

// redactor is the Redactor of --redact and --no-redact, for commands that write output
// themselves (record, merge-reports); nil, with --no-redact, writes secrets as they are.
func (f *flags) redactor() (*redact.Redactor, error) {
	if err := f.checkRedact(); err != nil {
		return nil, err
	}
	if f.noRedact {
		return nil, nil
	}
	return redact.New(f.redact)
}
