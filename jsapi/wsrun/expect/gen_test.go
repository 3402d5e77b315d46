package expect

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

func TestGen(t *testing.T) {
	in := os.Getenv("GEN_IN")
	if in == "" {
		t.Skip()
	}
	data, _ := os.ReadFile(in)
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		name, src, _ := strings.Cut(line, "|")
		e := newEnv(t)
		var got string
		if os.Getenv("GEN_ASYNC") != "" {
			got = e.runAsync(t, src)
		} else {
			got = e.run(t, "{ "+src+" }")
		}
		fmt.Fprintf(&b, "\t{name: %q, src: `%s`", name, src)
		if got == "" {
			b.WriteString("},\n")
			continue
		}
		b.WriteString(", want: lines(\n")
		for _, l := range strings.Split(got, "\n") {
			fmt.Fprintf(&b, "\t\t%s,\n", strconv.Quote(l))
		}
		b.WriteString("\t)},\n")
	}
	os.WriteFile(os.Getenv("GEN_OUT"), []byte(b.String()), 0o644)
}
