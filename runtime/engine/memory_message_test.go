package engine

import (
	"strings"
	"testing"
)

func TestMemoryMessage(t *testing.T) {
	for _, c := range []struct {
		limit  int64
		others []string
		want   []string
	}{
		{256 * MiB, nil, []string{"test used more than 256 MiB and was stopped", "--max-memory 512MiB", "the rest of this file was not run."}},
		{1e9, nil, []string{"used more than 953.7 MiB", "--max-memory 1908MiB"}},
		{2 * GiB, []string{"b.test.js › grows"}, []string{"used more than 2048 MiB", "Running at the same time and stopped too: b.test.js › grows."}},
		{MiB, []string{"a", "b", "c", "d", "e"}, []string{"stopped too: a, b, c and 2 more."}},
	} {
		got := (&memoryError{limit: c.limit, others: c.others}).message("test")
		for _, want := range c.want {
			if !strings.Contains(got, want) {
				t.Errorf("message for %d lacks %q:\n%s", c.limit, want, got)
			}
		}
	}
}
