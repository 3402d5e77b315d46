package report

// MapText returns a copy of f in which every free text a script or a server can put secrets
// in (failure messages, stacks, code frames, console output, transcript entries, why a test
// did not run, operation names) went through fn; f itself is not changed. The engine redacts
// results this way before any reporter sees them. Test names, paths, statuses and connection
// names are left as they are: they identify tests and files. Operations whose names become
// equal merge into one.
func (f FileResult) MapText(fn func(string) string) FileResult {
	f.Error = f.Error.mapText(fn)
	f.Operations = mapOperations(f.Operations, fn)
	tests := make([]TestResult, len(f.Tests))
	for i, t := range f.Tests {
		t.Reason = fn(t.Reason)
		if t.Errors != nil {
			errs := make([]Failure, len(t.Errors))
			for j := range t.Errors {
				errs[j] = *t.Errors[j].mapText(fn)
			}
			t.Errors = errs
		}
		if t.Console != nil {
			console := make([]ConsoleEntry, len(t.Console))
			for j, c := range t.Console {
				console[j] = ConsoleEntry{Level: c.Level, Text: fn(c.Text)}
			}
			t.Console = console
		}
		if t.Transcripts != nil {
			trs := make([]Transcript, len(t.Transcripts))
			for j, tr := range t.Transcripts {
				entries := make([]TranscriptEntry, len(tr.Entries))
				for k, e := range tr.Entries {
					e.Data = fn(e.Data)
					entries[k] = e
				}
				tr.Entries = entries
				trs[j] = tr
			}
			t.Transcripts = trs
		}
		if t.Timeline != nil {
			tl := *t.Timeline
			tl.Entries = make([]TimelineEntry, len(t.Timeline.Entries))
			for j, e := range t.Timeline.Entries {
				if !e.Binary { // hex holds no text to redact
					e.Data = fn(e.Data)
				}
				tl.Entries[j] = e
			}
			t.Timeline = &tl
		}
		tests[i] = t
	}
	if f.Tests != nil {
		f.Tests = tests
	}
	return f
}

// MapText returns a copy of s whose operation names went through fn, as FileResult.MapText
// does; s itself is not changed.
func (s Summary) MapText(fn func(string) string) Summary {
	s.Operations = mapOperations(s.Operations, fn)
	return s
}

func (fl *Failure) mapText(fn func(string) string) *Failure {
	if fl == nil {
		return nil
	}
	out := *fl
	out.Message, out.Stack = fn(fl.Message), fn(fl.Stack)
	if fl.CodeFrame != nil {
		code := *fl.CodeFrame
		code.Lines = make([]string, len(fl.CodeFrame.Lines))
		for i, l := range fl.CodeFrame.Lines {
			code.Lines[i] = fn(l)
		}
		out.CodeFrame = &code
	}
	return &out
}
