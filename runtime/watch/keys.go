package watch

// Action is what a key asks the watch loop to do.
type Action int

// The actions of the keys, as docs/cli.md lists them.
const (
	None       Action = iota
	RunAll            // a: every file, filters cleared
	RunFailed         // f: the tests that failed in the last run
	FileFilter        // p, a pattern, Enter: only files whose path matches
	NameFilter        // t, a pattern, Enter: only tests whose full name matches, as -g
	Quit              // q
	Rerun             // Enter: the last run again
)

// Prompts are what p and t write before the pattern is typed.
const (
	FilePrompt = "file path pattern (a regular expression; empty clears the filter): "
	NamePrompt = "test name pattern (a regular expression, as -g; empty clears the filter): "
)

// Event is what one key did: the action, once there is one; for FileFilter and NameFilter the
// pattern typed ("" clears the filter); and Echo, what to write to the terminal, which does
// not echo itself (the prompt, the typed character, an erased one).
type Event struct {
	Action  Action
	Pattern string
	Echo    string
}

// Keys turns what a terminal sends, one rune at a time, into actions: one key each, except p
// and t, which prompt for a pattern read until Enter; Backspace erases, Esc cancels. Other
// keys do nothing. The zero value is ready; one goroutine uses it.
type Keys struct {
	prompt Action // FileFilter or NameFilter while a pattern is typed, else None
	buf    []rune
}

// Prompting says whether a pattern is being typed, when a run would write over it.
func (k *Keys) Prompting() bool { return k.prompt != None }

// Feed takes the next rune typed.
func (k *Keys) Feed(r rune) Event {
	if k.prompt != None {
		return k.typed(r)
	}
	switch r {
	case 'a':
		return Event{Action: RunAll}
	case 'f':
		return Event{Action: RunFailed}
	case 'q':
		return Event{Action: Quit}
	case '\r', '\n':
		return Event{Action: Rerun}
	case 'p':
		k.prompt, k.buf = FileFilter, nil
		return Event{Echo: "\n" + FilePrompt}
	case 't':
		k.prompt, k.buf = NameFilter, nil
		return Event{Echo: "\n" + NamePrompt}
	}
	return Event{}
}

// typed handles a rune of a pattern.
func (k *Keys) typed(r rune) Event {
	switch {
	case r == '\r' || r == '\n':
		ev := Event{Action: k.prompt, Pattern: string(k.buf), Echo: "\n"}
		k.prompt, k.buf = None, nil
		return ev
	case r == 0x1b: // Esc
		k.prompt, k.buf = None, nil
		return Event{Echo: " (cancelled)\n"}
	case r == 0x7f || r == '\b':
		if len(k.buf) == 0 {
			return Event{}
		}
		k.buf = k.buf[:len(k.buf)-1]
		return Event{Echo: "\b \b"}
	case r < 0x20: // other control keys would garble the line
		return Event{}
	}
	k.buf = append(k.buf, r)
	return Event{Echo: string(r)}
}
