package report

import (
	"fmt"
	"io"
	"strings"
)

// NewGitHub returns the reporter for GitHub Actions: the pretty output, and after each file's
// part of it one workflow command per failure, which GitHub shows as an annotation on the line
// that failed:
//
//	::error file=scripts/chat.test.js,line=11,col=13,title=chat › two users talk::expect(received)…
//
// It annotates what the pretty reporter shows a block for: a file's own error once (titled with
// the file's path), then every error of every other failed test, soft failures included, each
// at its own location. An error without a location is "::error title=…::…". The message is the
// error's full text with "%", CR and LF escaped as GitHub requires; in the file and title
// properties ":" and "," are escaped too. Paths are shown relative to opts.Cwd as the pretty
// output shows them, which is what GitHub expects when wsrun runs in the repository's root.
// The commands are never colored. Writes and errors are as NewPretty's.
func NewGitHub(w io.Writer, opts PrettyOptions) Reporter {
	return &github{p: newPretty("github", w, opts)}
}

type github struct{ p *pretty }

func (g *github) FileDone(f FileResult) {
	var b strings.Builder
	g.p.writeFile(&b, f)
	g.writeAnnotations(&b, f)
	g.p.write(b.String())
}

func (g *github) RunDone(s Summary) error { return g.p.RunDone(s) }

// writeAnnotations writes the ::error commands of one file.
func (g *github) writeAnnotations(b *strings.Builder, f FileResult) {
	if f.Error != nil {
		g.writeError(b, g.p.rel(f.Path), *f.Error)
	}
	for _, t := range f.Tests {
		if t.Status != Failed || sharesFileError(f, t) {
			continue
		}
		errs := t.Errors
		if len(errs) == 0 {
			errs = []Failure{{Message: "the test failed without an error",
				Location: &Location{File: f.Path}}}
		}
		for _, e := range errs {
			g.writeError(b, testName(t), e)
		}
	}
}

// writeError writes one "::error" command titled title, at e's location when it has one.
func (g *github) writeError(b *strings.Builder, title string, e Failure) {
	b.WriteString("::error ")
	if l := e.Location; l != nil && l.File != "" {
		fmt.Fprintf(b, "file=%s,", ghProperty(g.p.rel(l.File)))
		if l.Line > 0 {
			fmt.Fprintf(b, "line=%d,", l.Line)
			if l.Column > 0 {
				fmt.Fprintf(b, "col=%d,", l.Column)
			}
		}
	}
	msg := e.Message
	if strings.TrimSpace(msg) == "" {
		msg = "(no message)"
	}
	fmt.Fprintf(b, "title=%s::%s\n", ghProperty(title), ghData(msg))
}

// ghData escapes a workflow command's message: "%" first, then CR and LF, so a multi-line
// message stays one command. Other control characters, which a server may have sent and which
// would reach the log as they are, are written as \xNN (C1 ones as \uNNNN).
func ghData(s string) string {
	var b strings.Builder
	for _, r := range s { // ranging yields U+FFFD for each invalid byte
		switch {
		case r == '%':
			b.WriteString("%25")
		case r == '\r':
			b.WriteString("%0D")
		case r == '\n':
			b.WriteString("%0A")
		case r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r >= 0x80 && r < 0xa0: // C1, CSI among them, as EscapeControls writes it
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ghProperty escapes a workflow command's property value: as a message, and ":" and "," too,
// which would otherwise end the value.
func ghProperty(s string) string {
	s = ghData(s)
	s = strings.ReplaceAll(s, ":", "%3A")
	return strings.ReplaceAll(s, ",", "%2C")
}
