package engine

import (
	"fmt"

	"github.com/wsrun/wsrun/runtime/redact"
	"github.com/wsrun/wsrun/runtime/report"
)

// newRedactor is the run's Redactor: nil, which redacts nothing, with NoRedact.
func newRedactor(o Options) (*redact.Redactor, error) {
	if o.NoRedact {
		return nil, nil
	}
	r, err := redact.New(o.Redact)
	if err != nil {
		return nil, fmt.Errorf("%w: Redact: %w", ErrBadOptions, err)
	}
	return r, nil
}

// redacting hands reporters results whose texts went through the run's Redactor. Every
// result of a run reaches the reporters through it, so no reporter, built in or given by
// a host program, can write a secret: they get the text already redacted, before they
// encode it (XML, JSON, TAP's YAML), which keeps every report valid.
type redacting struct {
	next report.Reporter
	red  *redact.Redactor
}

func (r redacting) FileDone(f report.FileResult) {
	if r.red != nil {
		f = f.MapText(r.red.String)
	}
	r.next.FileDone(f)
}

// RunDone redacts the run's operation names; the aggregator merged the files' unredacted.
func (r redacting) RunDone(s report.Summary) error {
	if r.red != nil {
		s = s.MapText(r.red.String)
	}
	return r.next.RunDone(s)
}
