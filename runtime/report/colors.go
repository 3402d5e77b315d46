package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/fatih/color"
)

// Colors paints text with ANSI escape codes. Its zero value paints nothing, so plain text is
// what a reporter gets unless someone decided otherwise, and no code path has to ask "are colors
// on?" before formatting. The state lives in the value rather than in fatih/color's global
// NoColor switch, because a global would make reporters that run side by side in tests race.
type Colors struct{ enabled bool }

// NewColors returns a Colors that paints when enabled is true and returns text unchanged when it
// is false.
func NewColors(enabled bool) Colors { return Colors{enabled: enabled} }

// Green paints s green: passed tests, expected values.
func (c Colors) Green(s string) string { return c.paint(s, color.FgGreen) }

// Red paints s red: failed tests, received values.
func (c Colors) Red(s string) string { return c.paint(s, color.FgRed) }

// Yellow paints s yellow: skipped tests, warnings.
func (c Colors) Yellow(s string) string { return c.paint(s, color.FgYellow) }

// Cyan paints s cyan.
func (c Colors) Cyan(s string) string { return c.paint(s, color.FgCyan) }

// Gray paints s in the terminal's bright black, which most themes show as gray.
func (c Colors) Gray(s string) string { return c.paint(s, color.FgHiBlack) }

// Dim paints s faint: durations and other details the eye may skip.
func (c Colors) Dim(s string) string { return c.paint(s, color.Faint) }

// Bold paints s bold.
func (c Colors) Bold(s string) string { return c.paint(s, color.Bold) }

// paint wraps s in one SGR sequence carrying all attrs and a reset. Each line is wrapped on its
// own so that pagers such as less -R, which reset attributes at line ends, still show them.
// Empty text stays empty so no bare escape codes end up in the output.
func (c Colors) paint(s string, attrs ...color.Attribute) string {
	if !c.enabled || s == "" {
		return s
	}
	codes := make([]string, len(attrs))
	for i, a := range attrs {
		codes[i] = strconv.Itoa(int(a))
	}
	start := "\x1b[" + strings.Join(codes, ";") + "m"
	const reset = "\x1b[0m"
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = start + l + reset
		}
	}
	return strings.Join(lines, "\n")
}

// ColorEnabled decides whether output is colored, from the --color flag's value (when: "auto",
// "always" or "never"; "" means "auto"), whether the output is a terminal, and the environment.
//
// "always" and "never" are final. In "auto" mode FORCE_COLOR set to anything but "", "0" or
// "false" turns colors on and FORCE_COLOR "0" or "false" turns them off (as Node does, FORCE_COLOR
// wins over NO_COLOR because it is the more specific request); otherwise NO_COLOR set and non-empty
// turns them off (https://no-color.org), TERM=dumb turns them off, and else colors follow
// isTerminal. A nil getenv is an empty environment. An unknown value of when is an error.
func ColorEnabled(when string, isTerminal bool, getenv func(string) string) (bool, error) {
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	switch when {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto", "":
	default:
		return false, fmt.Errorf("--color %q: want auto, always or never", when)
	}
	switch force := getenv("FORCE_COLOR"); force {
	case "":
	case "0", "false":
		return false, nil
	default:
		return true, nil
	}
	if getenv("NO_COLOR") != "" || getenv("TERM") == "dumb" {
		return false, nil
	}
	return isTerminal, nil
}
