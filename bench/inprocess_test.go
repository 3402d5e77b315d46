package bench

import (
	"context"
	"os"
	"runtime/pprof"
	"strconv"
	"testing"
	"time"

	"github.com/wsrun/wsrun/runtime/engine"
)

// inProcessEnv switches on BenchmarkInProcess. It exists only to profile: the engine then runs
// inside the test binary, so `go test -cpuprofile` sees it, with the server's goroutines
// labelled side=server and the engine's side=wsrun. See README.md, "Profiling".
const inProcessEnv = "WSRUN_BENCH_INPROCESS"

// BenchmarkInProcess runs the scripts of W2–W4 through engine.Run in this process. It is
// skipped unless WSRUN_BENCH_INPROCESS=1, and reports nothing the child-process benchmarks
// do not: it is there to be profiled.
func BenchmarkInProcess(b *testing.B) {
	if os.Getenv(inProcessEnv) != "1" {
		b.Skip("set " + inProcessEnv + "=1 to profile the engine in-process")
	}
	cases := []struct {
		name, script string
		env          map[string]string
	}{
		{"W2", "echo.js", map[string]string{"N": strconv.Itoa(echoRoundTrips)}},
		{"W3text", "push.js", map[string]string{"N": "200000", "SIZE": strconv.Itoa(pushFrameSize), "PARSE": "text"}},
		{"W3auto", "push.js", map[string]string{"N": "200000", "SIZE": strconv.Itoa(pushFrameSize), "PARSE": "auto"}},
		{"W4", "concurrent.js", map[string]string{"C": strconv.Itoa(concurrentConns)}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			c.env["URL"] = startServer(b)
			opts := engine.Options{
				Paths: []string{"scripts/" + c.script}, Env: c.env,
				Timeout: 5 * time.Minute, ExpectTimeout: 2 * time.Minute,
			}
			for range b.N {
				pprof.Do(context.Background(), pprof.Labels("side", "wsrun"), func(ctx context.Context) {
					sum, err := engine.Run(ctx, opts)
					if err != nil || !sum.OK() {
						b.Fatalf("%s: %v, %+v", c.script, err, sum.Tests)
					}
				})
			}
		})
	}
}
