package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// maxLatencyName is the widest a name is shown in the latency table, in characters; the JSON
// report has it whole.
const maxLatencyName = 40

// writeLatency writes the run's operations as a table above the summary (--latency):
//
//	Latency (ms):
//	  name   protocol  count    p50    p95    p99    max
//	  join   ws            3  0.251  0.402  0.402  0.410
//
// Rows come sorted by protocol, then name. Numbers have three significant digits or more (the
// percentiles are within 1% anyway), and columns are aligned; colors only paint.
func (p *pretty) writeLatency(b *strings.Builder, ops []Operation) {
	if len(ops) == 0 {
		fmt.Fprintf(b, "%s %s\n\n", p.c.Bold("Latency:"), p.c.Dim("no request-like operation completed"))
		return
	}
	header := []string{"name", "protocol", "count", "p50", "p95", "p99", "max"}
	rows := [][]string{header}
	for _, o := range ops {
		h := o.Latency
		if h == nil {
			h = &Histogram{}
		}
		rows = append(rows, []string{latencyName(o.Name), oneLine(o.Protocol), strconv.FormatUint(h.Count(), 10),
			latencyMillis(h.Quantile(0.50)), latencyMillis(h.Quantile(0.95)), latencyMillis(h.Quantile(0.99)),
			latencyMillis(h.Max())})
	}
	widths := make([]int, len(header))
	for _, r := range rows {
		for i, cell := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(cell))
		}
	}
	fmt.Fprintf(b, "%s\n", p.c.Bold("Latency (ms):"))
	for n, r := range rows {
		var line strings.Builder
		for i, cell := range r {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(cell))
			if i < 2 { // text: left-aligned
				cell += pad
			} else {
				cell = pad + cell
			}
			line.WriteString("  " + cell)
		}
		text := strings.TrimRight(line.String(), " ")
		if n == 0 {
			text = "  " + p.c.Dim(strings.TrimPrefix(text, "  "))
		}
		b.WriteString(text + "\n")
	}
	b.WriteByte('\n')
}

// latencyName is a name as the table shows it: on one line, cut at maxLatencyName characters.
func latencyName(s string) string {
	s = oneLine(s)
	if utf8.RuneCountInString(s) <= maxLatencyName {
		return s
	}
	r := []rune(s)
	return string(r[:maxLatencyName-1]) + "…"
}

// latencyMillis formats d in milliseconds with three significant digits, more for a second or
// longer: "0.0412", "0.412", "4.12", "41.2", "412", "4120".
func latencyMillis(d time.Duration) string {
	ms := float64(d) / float64(time.Millisecond)
	switch {
	case ms == 0:
		return "0"
	case ms < 0.1:
		return strconv.FormatFloat(ms, 'f', 4, 64)
	case ms < 1:
		return strconv.FormatFloat(ms, 'f', 3, 64)
	case ms < 10:
		return strconv.FormatFloat(ms, 'f', 2, 64)
	case ms < 100:
		return strconv.FormatFloat(ms, 'f', 1, 64)
	}
	return strconv.FormatFloat(ms, 'f', 0, 64)
}
