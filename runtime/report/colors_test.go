package report

import "testing"

func TestColorEnabled(t *testing.T) {
	tests := []struct {
		name     string
		when     string
		terminal bool
		env      map[string]string
		want     bool
		wantErr  bool
	}{
		{name: "auto terminal", when: "auto", terminal: true, want: true},
		{name: "auto pipe", when: "auto", terminal: false, want: false},
		{name: "empty is auto", when: "", terminal: true, want: true},
		{name: "always pipe", when: "always", want: true},
		{name: "never terminal", when: "never", terminal: true, want: false},
		{name: "NO_COLOR turns auto off", when: "auto", terminal: true, env: map[string]string{"NO_COLOR": "1"}, want: false},
		{name: "empty NO_COLOR is ignored", when: "auto", terminal: true, env: map[string]string{"NO_COLOR": ""}, want: true},
		{name: "always beats NO_COLOR", when: "always", env: map[string]string{"NO_COLOR": "1"}, want: true},
		{name: "FORCE_COLOR turns auto on", when: "auto", env: map[string]string{"FORCE_COLOR": "1"}, want: true},
		{name: "FORCE_COLOR 3", when: "auto", env: map[string]string{"FORCE_COLOR": "3"}, want: true},
		{name: "FORCE_COLOR 0 turns auto off", when: "auto", terminal: true, env: map[string]string{"FORCE_COLOR": "0"}, want: false},
		{name: "FORCE_COLOR false turns auto off", when: "auto", terminal: true, env: map[string]string{"FORCE_COLOR": "false"}, want: false},
		{name: "empty FORCE_COLOR is ignored", when: "auto", env: map[string]string{"FORCE_COLOR": ""}, want: false},
		{name: "never beats FORCE_COLOR", when: "never", env: map[string]string{"FORCE_COLOR": "1"}, want: false},
		{name: "FORCE_COLOR beats NO_COLOR", when: "auto", env: map[string]string{"FORCE_COLOR": "1", "NO_COLOR": "1"}, want: true},
		{name: "dumb terminal", when: "auto", terminal: true, env: map[string]string{"TERM": "dumb"}, want: false},
		{name: "unknown value", when: "sometimes", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv := func(k string) string { return tt.env[k] }
			got, err := ColorEnabled(tt.when, tt.terminal, getenv)
			if (err != nil) != tt.wantErr {
				t.Fatalf("error = %v, want error %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("ColorEnabled(%q, %v, %v) = %v, want %v", tt.when, tt.terminal, tt.env, got, tt.want)
			}
		})
	}
}

func TestColorEnabledNilGetenv(t *testing.T) {
	if got, err := ColorEnabled("auto", true, nil); err != nil || !got {
		t.Errorf("ColorEnabled with nil getenv = %v, %v; want true, nil", got, err)
	}
}

func TestColors(t *testing.T) {
	var plain Colors
	if got := plain.Red("x"); got != "x" {
		t.Errorf("zero Colors painted: %q", got)
	}
	on := NewColors(true)
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"green", on.Green("ok"), "\x1b[32mok\x1b[0m"},
		{"red", on.Red("no"), "\x1b[31mno\x1b[0m"},
		{"yellow", on.Yellow("skip"), "\x1b[33mskip\x1b[0m"},
		{"cyan", on.Cyan("c"), "\x1b[36mc\x1b[0m"},
		{"gray", on.Gray("g"), "\x1b[90mg\x1b[0m"},
		{"dim", on.Dim("d"), "\x1b[2md\x1b[0m"},
		{"bold", on.Bold("b"), "\x1b[1mb\x1b[0m"},
		{"empty stays empty", on.Red(""), ""},
		{"each line painted", on.Red("a\n\nb"), "\x1b[31ma\x1b[0m\n\n\x1b[31mb\x1b[0m"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}
