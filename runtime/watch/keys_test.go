package watch

import (
	"strings"
	"testing"
)

// feed types s and returns the events that carry an action, and everything echoed.
func feed(k *Keys, s string) ([]Event, string) {
	var acts []Event
	var echo strings.Builder
	for _, r := range s {
		ev := k.Feed(r)
		echo.WriteString(ev.Echo)
		if ev.Action != None {
			ev.Echo = ""
			acts = append(acts, ev)
		}
	}
	return acts, echo.String()
}

func TestKeys(t *testing.T) {
	for _, tc := range []struct {
		name, typed string
		want        []Event
		echo        string
		prompting   bool
	}{
		{name: "single keys", typed: "afq\r\n", want: []Event{{Action: RunAll}, {Action: RunFailed}, {Action: Quit}, {Action: Rerun}, {Action: Rerun}}},
		{name: "other keys do nothing", typed: "xyzA[\x1b\x7f", want: nil},
		{name: "file filter", typed: "pchat\r", want: []Event{{Action: FileFilter, Pattern: "chat"}}, echo: "\n" + FilePrompt + "chat\n"},
		{name: "name filter", typed: "tlogin|auth\n", want: []Event{{Action: NameFilter, Pattern: "login|auth"}}, echo: "\n" + NamePrompt + "login|auth\n"},
		{name: "keys inside a pattern are text", typed: "pafq\r", want: []Event{{Action: FileFilter, Pattern: "afq"}}},
		{name: "empty pattern clears", typed: "t\r", want: []Event{{Action: NameFilter, Pattern: ""}}},
		{name: "backspace erases", typed: "pabc\x7f\x7fx\b\by\r", want: []Event{{Action: FileFilter, Pattern: "y"}}, echo: "\n" + FilePrompt + "abc\b \b\b \bx\b \b\b \by\n"},
		{name: "backspace on nothing", typed: "p\x7fz\r", want: []Event{{Action: FileFilter, Pattern: "z"}}},
		{name: "escape cancels, then keys act again", typed: "pab\x1bq", want: []Event{{Action: Quit}}, echo: "\n" + FilePrompt + "ab (cancelled)\n"},
		{name: "control keys are not typed", typed: "p\x01é\x02\r", want: []Event{{Action: FileFilter, Pattern: "é"}}},
		{name: "unfinished pattern", typed: "pab", want: nil, prompting: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var k Keys
			got, echo := feed(&k, tc.typed)
			if len(got) != len(tc.want) {
				t.Fatalf("events %+v, want %+v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("event %d = %+v, want %+v", i, got[i], tc.want[i])
				}
			}
			if tc.echo != "" && echo != tc.echo {
				t.Errorf("echo %q, want %q", echo, tc.echo)
			}
			if k.Prompting() != tc.prompting {
				t.Errorf("Prompting() = %v, want %v", k.Prompting(), tc.prompting)
			}
		})
	}
}
