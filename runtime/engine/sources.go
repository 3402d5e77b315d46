package engine

import (
	"strings"
	"sync"

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

func (s *sources) codeFrame(loc report.Location) *report.CodeFrame {
	s.mu.Lock()
	lines := s.lines[loc.File]
	s.mu.Unlock()
	if loc.Line < 1 || loc.Line > len(lines) {
		return nil
	}
	first := max(1, loc.Line-frameContext)
	last := min(len(lines), loc.Line+frameContext)
	return &report.CodeFrame{
		FirstLine: first,
		Lines:     append([]string(nil), lines[first-1:last]...),
		Line:      loc.Line,
		Column:    loc.Column,
	}
}

// has reports whether the text of the named file is known.
func (s *sources) has(name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.lines[name]
	return ok
}
