package bench

import (
	"fmt"
	"strconv"
	"testing"
)

// Workload sizes, as issue 3 fixes them.
const (
	echoRoundTrips  = 20000
	pushFrameSize   = 100
	concurrentConns = 500
)

// pushCounts are the frame counts of W3: the 200,000 and a quarter of it, to show
// that memory does not grow with the number of frames.
var pushCounts = []int{50000, 200000}

// BenchmarkW0Startup is issue 2's start-up benchmark: wsrun on a file with one empty test
// against a Go binary that does nothing.
func BenchmarkW0Startup(b *testing.B) {
	compare(b, *reps*startupRepsFactor, wsrunSide("empty.js"), rawSide("noop"), nodeSide("noop"))
}

// BenchmarkW1Connect is start-up with a socket: connect, close.
func BenchmarkW1Connect(b *testing.B) {
	url := startServer(b)
	compare(b, *reps*startupRepsFactor, wsrunSide("connect.js", "URL="+url), rawSide("connect", url), nodeSide("connect", url))
}

// BenchmarkW2Echo is echoRoundTrips sequential round trips on one connection.
func BenchmarkW2Echo(b *testing.B) {
	url := startServer(b)
	n := strconv.Itoa(echoRoundTrips)
	compare(b, *reps, wsrunSide("echo.js", "URL="+url, "N="+n), rawSide("echo", url, n), nodeSide("echo", url, n))
}

// BenchmarkW3Push receives pushed frames counted in an on('message') handler, with
// parse: 'text' and with the default ('auto', which JSON-parses these frames). The runs with
// more frames also report rss-growth-x: wsrun's peak RSS over that of the latest run with
// pushCounts[0] frames and the same parse mode (1.0 = flat).
func BenchmarkW3Push(b *testing.B) {
	for _, parse := range []string{"text", "auto"} {
		var smallest int64
		for _, n := range pushCounts {
			b.Run(fmt.Sprintf("parse=%s/n=%d", parse, n), func(b *testing.B) {
				url := startServer(b)
				ns, size := strconv.Itoa(n), strconv.Itoa(pushFrameSize)
				ws := compare(b, *reps,
					wsrunSide("push.js", "URL="+url, "N="+ns, "SIZE="+size, "PARSE="+parse),
					rawSide("push", url, ns, size), nodeSide("push", url, ns, size, parse))
				switch {
				case n == pushCounts[0]:
					smallest = ws.rssKiB
				case smallest > 0:
					b.ReportMetric(ratio(ws.rssKiB, smallest), "rss-growth-x")
				}
			})
		}
	}
}

// BenchmarkW4Concurrent opens concurrentConns connections at once, echoes one message on
// each, then closes them all.
func BenchmarkW4Concurrent(b *testing.B) {
	url := startServer(b)
	c := strconv.Itoa(concurrentConns)
	compare(b, *reps, wsrunSide("concurrent.js", "URL="+url, "C="+c), rawSide("concurrent", url, c), nodeSide("concurrent", url, c))
}
