package report

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/fatih/color"
)

// writeFailures writes the failure blocks of a file: first the file's own error, titled with the
// file's path, then one per failed test. A failed test whose error is the file's own (a load error
// the engine also reports as a test named after the file, or a failing beforeAll) gets no block of
// its own: its transcripts and console join the file's block, so the error is shown once and
// nothing it printed is lost. A failed test without any error has only its ✗ line.
func (p *pretty) writeFailures(b *strings.Builder, f FileResult) {
	if f.Error != nil {
		var ts []Transcript
		var console []ConsoleEntry
		for _, t := range f.Tests {
			if sharesFileError(f, t) {
				ts = append(ts, t.Transcripts...)
				console = append(console, t.Console...)
			}
		}
		p.writeBlock(b, oneLine(p.rel(f.Path)), []Failure{*f.Error}, ts, console)
	}
	for _, t := range f.Tests {
		if t.Status == Failed && len(t.Errors) > 0 && !sharesFileError(f, t) {
			p.writeBlock(b, oneLine(testName(t)), t.Errors, t.Transcripts, t.Console)
		}
	}
}

// writeBlock writes one "● title" block: every error with its code frame and location, then the
// transcripts and the console output.
func (p *pretty) writeBlock(b *strings.Builder, title string, errs []Failure, ts []Transcript, console []ConsoleEntry) {
	fmt.Fprintf(b, "\n  %s\n", p.c.paint("● "+title, color.Bold, color.FgRed))
	for _, e := range errs {
		p.writeError(b, e)
	}
	if len(ts) > 0 || len(console) > 0 {
		b.WriteByte('\n')
	}
	shown, hidden := shownTranscripts(errs, ts)
	for _, t := range shown {
		p.writeTranscript(b, t)
	}
	if hidden > 0 {
		what := fmt.Sprintf("%d more connections' transcripts are", hidden)
		if hidden == 1 {
			what = "1 more connection's transcript is"
		}
		fmt.Fprintf(b, "    %s\n", p.c.Dim("… "+what+" left out here (the JSON report has every one)"))
	}
	if len(console) > 0 {
		p.writeConsole(b, console)
	}
}

// writeError writes one error: its message, code frame and where it happened, each part after a
// blank line.
func (p *pretty) writeError(b *strings.Builder, e Failure) {
	b.WriteByte('\n')
	p.writeMessage(b, e.Message)
	if e.CodeFrame != nil && len(e.CodeFrame.Lines) > 0 {
		b.WriteByte('\n')
		p.writeCodeFrame(b, e.CodeFrame)
	}
	if at := p.atLines(e); len(at) > 0 {
		b.WriteByte('\n')
		for _, l := range at {
			fmt.Fprintf(b, "      %s\n", p.c.Dim(l))
		}
	}
}

// writeMessage writes a failure message indented, coloring expected lines green and received
// lines red as Jest does.
func (p *pretty) writeMessage(b *strings.Builder, msg string) {
	if strings.TrimSpace(msg) == "" {
		msg = "(no message)"
	}
	for _, l := range lines(safeText(msg)) {
		l = strings.TrimRight(l, " \t")
		if l == "" {
			b.WriteByte('\n')
			continue
		}
		fmt.Fprintf(b, "    %s\n", p.colorMessageLine(l))
	}
}

// colorMessageLine colors a line by its side (messageLineSide): expected green, received red.
func (p *pretty) colorMessageLine(l string) string {
	switch messageLineSide(l) {
	case "expected":
		return p.c.Green(l)
	case "received":
		return p.c.Red(l)
	}
	return l
}

// messageLineSide is the side of a diff a failure message's line shows, by its prefix as Jest
// writes them: "Expected" and "- " lines "expected", "Received" and "+ " lines "received",
// others "". The pretty and HTML reports color the same lines.
func messageLineSide(l string) string {
	switch {
	case strings.HasPrefix(l, "Expected"), strings.HasPrefix(l, "- "):
		return "expected"
	case strings.HasPrefix(l, "Received"), strings.HasPrefix(l, "+ "):
		return "received"
	}
	return ""
}

// writeCodeFrame writes the source lines around a failure with a gutter of line numbers, the failing
// line marked with ">" and a caret under the failing column.
func (p *pretty) writeCodeFrame(b *strings.Builder, fr *CodeFrame) {
	width := len(strconv.Itoa(fr.FirstLine + len(fr.Lines) - 1))
	for i, code := range fr.Lines {
		n := fr.FirstLine + i
		code = strings.TrimRight(code, " \t\r")
		gutter := fmt.Sprintf("%*d |", width, n)
		if n != fr.Line {
			fmt.Fprintf(b, "      %s\n", p.c.Dim(gutter+codeText(EscapeControls(code))))
			continue
		}
		fmt.Fprintf(b, "    %s%s\n", p.c.paint("> "+gutter, color.Bold, color.FgRed), codeText(EscapeControls(code)))
		if fr.Column > 0 {
			fmt.Fprintf(b, "      %s %s%s\n", p.c.Dim(strings.Repeat(" ", width)+" |"),
				caretPad(code, fr.Column), p.c.paint("^", color.Bold, color.FgRed))
		}
	}
}

// codeText is a source line as it follows the gutter: after one space, or nothing when empty.
func codeText(code string) string {
	if code == "" {
		return ""
	}
	return " " + code
}

// caretPad returns the blanks that put a caret under 1-based column col of code, keeping tabs
// as tabs so the caret lines up however wide the terminal draws them, and as many blanks as
// an escaped control character takes.
func caretPad(code string, col int) string {
	var b strings.Builder
	i := 1
	for j, r := range code {
		if i >= col {
			break
		}
		_, size := utf8.DecodeRuneInString(code[j:])
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteString(strings.Repeat(" ", utf8.RuneCountInString(escapeRune(r, code[j:j+size]))))
		}
		i++
	}
	for ; i < col; i++ {
		b.WriteByte(' ')
	}
	return b.String()
}

// atLines returns the "at …" lines of an error: the frames of its stack when it has any, else
// its location; paths inside the working directory are shown relative to it.
func (p *pretty) atLines(e Failure) []string {
	var at []string
	for _, l := range strings.Split(e.Stack, "\n") {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "at ") {
			at = append(at, p.relInText(l))
		}
	}
	if len(at) == 0 && e.Location != nil && e.Location.File != "" {
		at = append(at, fmt.Sprintf("at %s:%d:%d", p.rel(e.Location.File), e.Location.Line, e.Location.Column))
	}
	return at
}

// relInText shortens every path inside the working directory that occurs in s.
func (p *pretty) relInText(s string) string {
	cwd := strings.TrimRight(p.opts.Cwd, `/\`)
	if cwd == "" {
		return s
	}
	s = strings.ReplaceAll(s, cwd+"/", "")
	return strings.ReplaceAll(s, cwd+`\`, "")
}

// sameFailure reports whether a and b describe the same error.
func sameFailure(a, b Failure) bool {
	if a.Message != b.Message {
		return false
	}
	if a.Location == nil || b.Location == nil {
		return a.Location == b.Location
	}
	return *a.Location == *b.Location
}

// maxShownTranscripts is how many connections' transcripts a failure block shows: a test that
// opened hundreds of connections would bury its error under them.
const maxShownTranscripts = 10

// shownTranscripts picks the transcripts a failure block shows, in their order: those of the
// connections its errors name, then the latest others; and how many it leaves out.
func shownTranscripts(errs []Failure, ts []Transcript) ([]Transcript, int) {
	if len(ts) <= maxShownTranscripts {
		return ts, 0
	}
	keep := make([]bool, len(ts))
	n := 0
	for i, t := range ts {
		for _, e := range errs {
			if n < maxShownTranscripts && namesConn(e.Message, t.Conn) {
				keep[i] = true
				n++
				break
			}
		}
	}
	for i := len(ts) - 1; i >= 0 && n < maxShownTranscripts; i-- {
		if !keep[i] {
			keep[i] = true
			n++
		}
	}
	shown := make([]Transcript, 0, n)
	for i, t := range ts {
		if keep[i] {
			shown = append(shown, t)
		}
	}
	return shown, len(ts) - n
}

// namesConn reports whether msg mentions the connection name as a whole word: conn1 is not
// named by "conn13".
func namesConn(msg, name string) bool {
	for i := 0; name != ""; {
		j := strings.Index(msg[i:], name)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(name)
		if (start == 0 || !wordByte(msg[start-1])) && (end == len(msg) || !wordByte(msg[end])) {
			return true
		}
		i = start + 1
	}
	return false
}

func wordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
