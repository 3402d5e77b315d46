package bench

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// reps is how many times each side runs per benchmark iteration; the medians are reported.
// Start-up workloads, which take milliseconds, run startupRepsFactor times as often.
var reps = flag.Int("reps", 5, "runs of each side per benchmark iteration (medians are reported)")

const startupRepsFactor = 4

// clientCPU is the CPU the launcher pins every client to (-1: no pinning). Pin the
// benchmark process, which holds the server, to another one: `taskset -c 0 go test …`.
var clientCPU = flag.Int("cpu", 1, "CPU every client child is pinned to (-1: none); run go test under taskset -c 0 for the server")

// cpuEnv passes -cpu to the launcher.
const cpuEnv = "WSRUN_BENCH_CPU"

// wsrunEnv, when set, names a wsrun binary to measure instead of building the repository's:
// a way to compare two builds (before and after a change) with the same harness.
const wsrunEnv = "WSRUN_BENCH_WSRUN"

// The binaries under test and the launcher that measures them, built once by TestMain into
// a temporary directory.
var wsrunBin, rawBin, launchBin string

// nodeBin is node when node/node_modules exists (npm ci --prefix bench/node), else "", and the
// Node peer is skipped.
var nodeBin string

// TestMain builds wsrun, rawclient and launch when a benchmark was asked for, and does nothing
// otherwise, so that `go test ./...` stays fast.
func TestMain(m *testing.M) {
	flag.Parse()
	if f := flag.Lookup("test.bench"); f == nil || f.Value.String() == "" {
		os.Exit(m.Run())
	}
	dir, err := os.MkdirTemp("", "wsrun-bench-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(2)
	}
	wsrunBin, rawBin, launchBin = filepath.Join(dir, "wsrun"), filepath.Join(dir, "rawclient"), filepath.Join(dir, "launch")
	builds := []struct{ out, pkg string }{{rawBin, "./bench/rawclient"}, {launchBin, "./bench/launch"}}
	if prebuilt := os.Getenv(wsrunEnv); prebuilt != "" {
		wsrunBin = prebuilt
	} else {
		builds = append(builds, struct{ out, pkg string }{wsrunBin, "."})
	}
	for _, b := range builds {
		if err = build(b.out, b.pkg); err != nil {
			break
		}
	}
	nodeBin = findNode()
	code := 2
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
	} else {
		code = m.Run()
	}
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// build compiles a package of this module, named relative to the repository root, the way
// npm/pack.sh builds the released binaries users get: static (CGO_ENABLED=0), -trimpath,
// -s -w. A plain `go build` links libc dynamically on Linux (net and os/user use cgo), which
// adds the dynamic loader's work and libc's pages to every start: about 1 ms and 1.3 MB of
// an empty run's peak RSS. Every Go side is built alike.
func build(out, pkg string) error {
	goBin, err := exec.LookPath("go")
	if err != nil {
		return fmt.Errorf("build %s: %w", pkg, err)
	}
	cmd := exec.Command(goBin, "build", "-trimpath", "-ldflags", "-s -w", "-o", out, pkg)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	cmd.Dir = ".." // the repository root; go test runs in the package directory
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build %s: %w\n%s", pkg, err, msg)
	}
	return nil
}

// findNode is the node binary when the Node peer is installed, or "" after saying why not.
func findNode() string {
	node, err := exec.LookPath("node")
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench: node is not installed: the Node peer (node-* metrics) is skipped")
		return ""
	}
	if _, err := os.Stat("node/node_modules/ws"); err != nil {
		fmt.Fprintln(os.Stderr, "bench: node/node_modules/ws is missing: the Node peer (node-* metrics) is skipped; install it with `npm ci --prefix bench/node`")
		return ""
	}
	return node
}
