package engine

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/wsrun/wsrun/runtime/redact"
	"github.com/wsrun/wsrun/runtime/report"
)

// frameContext is how many lines a code frame shows above and below the failing line.
const frameContext = 2

// sources keeps the text of the files a VM loaded, to draw code frames.
type sources struct {
	mu    sync.Mutex
	lines map[string][]string
}

func (s *sources) add(name, text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lines == nil {
		s.lines = map[string][]string{}
	}
	s.lines[name] = strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
}

// codeFrame is the frame around loc. red is the run's Redactor, which a frame that is cut
// needs (clipFrame); reporters get every frame redacted anyway.
func (s *sources) codeFrame(loc report.Location, red *redact.Redactor) *report.CodeFrame {
	s.mu.Lock()
	lines := s.lines[loc.File]
	s.mu.Unlock()
	if loc.Line < 1 || loc.Line > len(lines) {
		return nil
	}
	first := max(1, loc.Line-frameContext)
	last := min(len(lines), loc.Line+frameContext)
	shown, col := clipFrame(lines[first-1:last], loc.Line-first, loc.Column, red)
	return &report.CodeFrame{
		FirstLine: first,
		Lines:     shown,
		Line:      loc.Line,
		Column:    col,
	}
}

// frameWidth is how many characters of a line a code frame shows at most: a minified file
// has all its code on one line, which would be printed whole in every failure and report.
const frameWidth = 160

// clipFrame cuts the lines of a frame that has a line longer than frameWidth to the same
// window of frameWidth characters around col, marking the cuts with "…", and returns the
// caret's column within the window. The lines are redacted before they are cut: a cut
// through a secret's name ("…en: 'abc'") would leave its value for the reporters' redaction
// to miss. at is the index of the failing line, whose column moves with what was redacted
// before it.
func clipFrame(lines []string, at, col int, red *redact.Redactor) ([]string, int) {
	long := false
	for _, l := range lines {
		long = long || len(l) > frameWidth && utf8.RuneCountInString(l) > frameWidth
	}
	if !long {
		return append([]string(nil), lines...), col
	}
	if red != nil {
		redacted := make([]string, len(lines))
		for i, l := range lines {
			redacted[i] = red.String(l)
			if i == at && redacted[i] != l {
				before := []rune(l)[:min(max(col-1, 0), utf8.RuneCountInString(l))]
				col = utf8.RuneCountInString(red.String(string(before))) + 1
			}
		}
		lines = redacted
	}
	start := max(0, col-1-frameWidth/2)
	out := make([]string, len(lines))
	for i, l := range lines {
		r := []rune(l)
		from, to := min(start, len(r)), min(len(r), start+frameWidth)
		text := string(r[from:to])
		if from > 0 {
			text = "…" + text
		}
		if to < len(r) {
			text += "…"
		}
		out[i] = text
	}
	if start > 0 {
		col = col - start + 1 // the "…" before the window
	}
	return out, col
}

// has reports whether the text of the named file is known.
func (s *sources) has(name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.lines[name]
	return ok
}
