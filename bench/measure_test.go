package bench

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"
)

// childTimeout bounds every child process.
const childTimeout = 3 * time.Minute

// sample is what one child process cost.
type sample struct {
	wall, cpu time.Duration // cpu is user + system
	rssKiB    int64         // peak resident set size (Linux reports KiB)
	floorKiB  int64         // the launcher's own RSS: no peak below it can be seen
}

// side is one program to measure: the binary and its arguments.
type side struct {
	bin  string
	args []string
}

// wrapEnv, when set, is a command prefix for every wsrun child, split on spaces: a profiling
// aid only (e.g. "perf record -g -o /tmp/w2.perf --" or "env GODEBUG=gctrace=1"); the
// measured costs then include the wrapper, and its output is logged under the benchmark.
const wrapEnv = "WSRUN_BENCH_WRAP"

// wsrunSide runs a script of bench/scripts with the given KEY=VALUE pairs in process.env.
func wsrunSide(script string, env ...string) side {
	args := []string{"--color", "never", "--timeout", "5m", "--expect-timeout", "2m"}
	for _, kv := range env {
		args = append(args, "-e", kv)
	}
	args = append(args, "scripts/"+script)
	if wrap := strings.Fields(os.Getenv(wrapEnv)); len(wrap) > 0 {
		return side{bin: wrap[0], args: append(append(wrap[1:], wsrunBin), args...)}
	}
	return side{bin: wsrunBin, args: args}
}

func rawSide(args ...string) side { return side{bin: rawBin, args: args} }

// nodeSide runs node/client.js with the given arguments, or is the zero side (skipped) when
// node or node/node_modules is missing; TestMain says so once.
func nodeSide(args ...string) side {
	if nodeBin == "" {
		return side{}
	}
	return side{bin: nodeBin, args: append([]string{"node/client.js"}, args...)}
}

// wrapped reports whether the side runs under WSRUN_BENCH_WRAP.
func (s side) wrapped() bool { return s.bin != wsrunBin && s.bin != rawBin && s.bin != nodeBin }

// run starts the program through the launcher (see launch/main.go for why peak RSS cannot
// be read here) and returns what it cost, as the launcher measured it, and its output.
func (s side) run() (sample, string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), childTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, launchBin, append([]string{s.bin}, s.args...)...)
	cmd.Env = append(childEnv(), fmt.Sprintf("%s=%d", cpuEnv, *clientCPU))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err != nil {
		return sample{}, "", fmt.Errorf("%s %s: %w\n%s", s.bin, strings.Join(s.args, " "), err, tail(stderr.String(), 3000))
	}
	var wall, cpu, rss, floor int64
	if _, err := fmt.Sscanf(stdout.String(), "wall-ns=%d cpu-ns=%d maxrss-kib=%d floor-kib=%d", &wall, &cpu, &rss, &floor); err != nil {
		return sample{}, "", fmt.Errorf("launch %s: unreadable result %q: %w", s.bin, stdout.String(), err)
	}
	return sample{wall: time.Duration(wall), cpu: time.Duration(cpu), rssKiB: rss, floorKiB: floor}, stderr.String(), nil
}

// childEnv is this process's environment without proxy settings, so neither client sends
// loopback traffic through a proxy.
func childEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if !strings.HasSuffix(strings.ToUpper(name), "_PROXY") {
			env = append(env, kv)
		}
	}
	return env
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// medians is the median of each cost over the samples, taken separately.
func medians(ss []sample) sample {
	med := func(f func(sample) float64) float64 {
		v := make([]float64, len(ss))
		for i, s := range ss {
			v[i] = f(s)
		}
		slices.Sort(v)
		if len(v)%2 == 1 {
			return v[len(v)/2]
		}
		return (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	return sample{
		wall:   time.Duration(med(func(s sample) float64 { return float64(s.wall) })),
		cpu:    time.Duration(med(func(s sample) float64 { return float64(s.cpu) })),
		rssKiB: int64(med(func(s sample) float64 { return float64(s.rssKiB) })),
	}
}

// compare runs the sides n times per benchmark iteration, alternating so drift in the
// machine's load hits all alike, and reports the medians and the ratios wsrun/raw (cpu-x,
// rss-x, wall-x) and wsrun/node (node-cpu-x…). node is skipped when it is the zero side. It
// returns wsrun's medians for callers that report more.
func compare(b *testing.B, n int, ws, raw, node side) (wsMed sample) {
	b.Helper()
	n = max(n, 1)
	var wss, raws, nodes []sample
	type entry struct {
		side
		into *[]sample
	}
	order := []entry{{raw, &raws}, {ws, &wss}}
	if node.bin != "" {
		order = append(order, entry{node, &nodes})
	}
	for range b.N {
		for range n {
			for _, sd := range order {
				s, out, err := sd.run()
				if err != nil {
					b.Fatal(err)
				}
				if sd.wrapped() {
					b.Logf("%s:\n%s", strings.Join(sd.args, " "), tail(out, 20000))
				}
				if s.rssKiB <= s.floorKiB {
					b.Logf("%s: peak RSS %d KiB is at the launcher's floor (%d KiB): it may be less", sd.bin, s.rssKiB, s.floorKiB)
				}
				*sd.into = append(*sd.into, s)
			}
		}
	}
	wsMed, rawMed := medians(wss), medians(raws)
	report(b, "wsrun", wsMed)
	report(b, "raw", rawMed)
	b.ReportMetric(ratio(wsMed.cpu, rawMed.cpu), "cpu-x")
	b.ReportMetric(ratio(wsMed.rssKiB, rawMed.rssKiB), "rss-x")
	b.ReportMetric(ratio(wsMed.wall, rawMed.wall), "wall-x")
	if len(nodes) > 0 {
		nodeMed := medians(nodes)
		report(b, "node", nodeMed)
		b.ReportMetric(ratio(wsMed.cpu, nodeMed.cpu), "node-cpu-x")
		b.ReportMetric(ratio(wsMed.rssKiB, nodeMed.rssKiB), "node-rss-x")
		b.ReportMetric(ratio(wsMed.wall, nodeMed.wall), "node-wall-x")
	}
	// ns/op would time all sides and all repetitions together, which means nothing here;
	// a zero hides it.
	b.ReportMetric(0, "ns/op")
	return wsMed
}

func report(b *testing.B, name string, s sample) {
	b.ReportMetric(ms(s.wall), name+"-wall-ms")
	b.ReportMetric(ms(s.cpu), name+"-cpu-ms")
	b.ReportMetric(mb(s.rssKiB), name+"-rss-MB")
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
func mb(kib int64) float64       { return float64(kib) / 1024 }

func ratio[T time.Duration | int64](a, b T) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
