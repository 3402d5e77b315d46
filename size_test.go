package main

import (
	"strings"
	"testing"
)

func TestParseSize(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
		err  string
	}{
		{"512MiB", 512 << 20, ""},
		{"2GiB", 2 << 30, ""},
		{"2gib", 2 << 30, ""},
		{"1G", 1 << 30, ""},
		{"1GB", 1e9, ""},
		{"1.5G", 3 << 29, ""},
		{"300M", 300 << 20, ""},
		{"64k", 64 << 10, ""},
		{"1000000", 1e6, ""},
		{"1000000B", 1e6, ""},
		{" 256 MiB ", 256 << 20, ""},
		{"0", 0, "more than 0"},
		{"0MiB", 0, "more than 0"},
		{"-1G", 0, "more than 0"},
		{"0.5", 0, "more than 0"},
		{"", 0, "want a size"},
		{"lots", 0, "want a size"},
		{"12XB", 0, "want a size"},
		{"0x10", 0, "want a size"},
		{"NaN", 0, "want a size"},
		{"1e30GiB", 0, "too large"},
	} {
		t.Run(c.in, func(t *testing.T) {
			got, err := parseSize(c.in)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("parseSize(%q) = %d, %v; want an error with %q", c.in, got, err, c.err)
				}
				return
			}
			if err != nil || got != c.want {
				t.Fatalf("parseSize(%q) = %d, %v; want %d", c.in, got, err, c.want)
			}
		})
	}
}
