package report

import "strings"

// machineFiles is the recorded run of fixtureFiles with paths as the engine reports them from
// the CLI, relative to the working directory, so that the goldens of the machine formats show
// what a CI server reads.
func machineFiles() []FileResult {
	files := fixtureFiles()
	rel := func(s string) string { return strings.ReplaceAll(s, fixtureCwd+"/", "") }
	relFailure := func(e *Failure) {
		e.Stack = rel(e.Stack)
		if e.Location != nil {
			l := *e.Location
			l.File = rel(l.File)
			e.Location = &l
		}
	}
	for i := range files {
		f := &files[i]
		f.Path = rel(f.Path)
		if f.Error != nil {
			e := *f.Error
			relFailure(&e)
			f.Error = &e
		}
		for j := range f.Tests {
			t := &f.Tests[j]
			if t.Name == fixtureCwd+"/"+f.Path || t.Name == f.Path {
				t.Name, t.FullName = f.Path, f.Path
			}
			t.Errors = append([]Failure(nil), t.Errors...)
			for k := range t.Errors {
				relFailure(&t.Errors[k])
			}
		}
	}
	return files
}

// hostileFile is a failed test whose server and console sent what XML, YAML, JSON and GitHub's
// workflow commands cannot hold as it is: NUL, ESC, invalid UTF-8, a CDATA end, a carriage
// return, U+FFFE, quotes, markup, and "::" and "%" that would end or garble a command.
func hostileFile() FileResult {
	const nasty = "nul\x00 esc\x1b[31m bad\xff\xfeutf8 cdata]]> cr\r lf\n fffe\uFFFE quote\"' <b>&amp; %0A::x,y"
	loc := &Location{File: "scripts/hostile.test.js", Line: 3, Column: 7}
	return FileResult{
		Path: "scripts/hostile.test.js", Status: Failed, Duration: ms(21),
		Tests: []TestResult{
			{Name: "echoes " + nasty, FullName: "hostile › echoes " + nasty, Status: Failed, Duration: ms(20),
				Errors: []Failure{
					{Message: "Error: server said " + nasty, Location: loc,
						Stack: "Error: server said\n    at scripts/hostile.test.js:3:7"},
					{Message: "...\n---\n  " + nasty + "\n", Location: loc},
				},
				Transcripts: []Transcript{{Conn: "conn1", Entries: []TranscriptEntry{
					{At: ms(1), Dir: Sent, Conn: "conn1", Data: "hi"},
					{At: ms(2), Dir: Received, Conn: "conn1", Data: nasty},
				}}},
				Console: []ConsoleEntry{{Level: "log", Text: nasty}, {Level: "warn", Text: "  ...\n..."}},
			},
			{Name: "passes # not a directive \\", FullName: "hostile › passes # not a directive \\",
				Status: Passed, Duration: ms(1), Console: []ConsoleEntry{{Level: "log", Text: "]]>\x00"}}},
		},
	}
}
