package report

import (
	"testing"
	"time"
)

func TestFormatDuration(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "0ms"},
		{-time.Second, "0ms"},
		{400 * time.Microsecond, "0ms"},
		{12 * time.Millisecond, "12ms"},
		{12600 * time.Microsecond, "13ms"},
		{999 * time.Millisecond, "999ms"},
		{999600 * time.Microsecond, "1.00s"},
		{time.Second, "1.00s"},
		{1234 * time.Millisecond, "1.23s"},
		{5 * time.Second, "5.00s"},
		{83*time.Second + 456*time.Millisecond, "83.46s"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := formatDuration(tt.d); got != tt.want {
				t.Errorf("formatDuration(%v) = %q, want %q", tt.d, got, tt.want)
			}
		})
	}
}

func TestFormatSecondsAndOffset(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"seconds under one", formatSeconds(420 * time.Millisecond), "0.42s"},
		{"seconds", formatSeconds(1420 * time.Millisecond), "1.42s"},
		{"seconds zero", formatSeconds(0), "0.00s"},
		{"offset", formatOffset(3 * time.Millisecond), "+0.003s"},
		{"offset long", formatOffset(12345 * time.Millisecond), "+12.345s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}

func TestRelPath(t *testing.T) {
	tests := []struct {
		name, cwd, path, want string
	}{
		{"inside", "/home/dev/app", "/home/dev/app/scripts/a.test.js", "scripts/a.test.js"},
		{"outside", "/home/dev/app", "/opt/lib/steps.js", "/opt/lib/steps.js"},
		{"sibling with common prefix", "/home/dev/app", "/home/dev/app2/a.js", "/home/dev/app2/a.js"},
		{"relative stays", "/home/dev/app", "scripts/a.test.js", "scripts/a.test.js"},
		{"no cwd", "", "/home/dev/app/a.js", "/home/dev/app/a.js"},
		{"file named like a parent", "/home/dev/app", "/home/dev/app/..x.js", "..x.js"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := relPath(tt.cwd, tt.path); got != tt.want {
				t.Errorf("relPath(%q, %q) = %q, want %q", tt.cwd, tt.path, got, tt.want)
			}
		})
	}
}

func TestOneLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"a":1}`, `{"a":1}`},
		{"a\nb", "a⏎b"},
		{"a\r\nb", "a⏎b"},
		{"tab\there", "tab\there"},
		{"\x1b[31mred", `\x1b[31mred`},
		{"bell\a", `bell\x07`},
	}
	for _, tt := range tests {
		if got := oneLine(tt.in); got != tt.want {
			t.Errorf("oneLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCaretPad(t *testing.T) {
	tests := []struct {
		code string
		col  int
		want string
	}{
		{"abc", 1, ""},
		{"abc", 3, "  "},
		{"\t\tx", 3, "\t\t"},
		{"ab", 5, "    "},
		{"→x", 2, " "},
	}
	for _, tt := range tests {
		if got := caretPad(tt.code, tt.col); got != tt.want {
			t.Errorf("caretPad(%q, %d) = %q, want %q", tt.code, tt.col, got, tt.want)
		}
	}
}
