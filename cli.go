package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"github.com/wsrun/wsrun/jsapi/env"
	"github.com/wsrun/wsrun/runtime/engine"
	"github.com/wsrun/wsrun/runtime/report"
)

// minMaxMemory is the smallest --max-memory the CLI takes.
const minMaxMemory = 32 << 20

// Exit codes, as docs/cli.md ("Exit codes") documents them for scripts and CI.
const (
	exitOK          = 0
	exitFailed      = 1
	exitUsage       = 2
	exitInterrupted = 130
)

// streams is what the CLI may touch of the process, injected so tests can run it in-process.
type streams struct {
	out, err io.Writer
	terminal bool // out is a terminal
	getenv   func(string) string
	environ  []string
	// in is stdin; keyboard, set when stdin is a terminal, makes it send each key as it is
	// typed (--watch reads keys) and returns what restores it.
	in       io.Reader
	keyboard func() (restore func(), err error)
}

// flags holds the parsed command line.
type flags struct {
	grep, grepInvert  string
	parallel          int
	timeout, expectTO time.Duration
	envs              []string
	envFile           string
	reporters         []string
	bail, retries     int
	shard             string
	list              bool
	verbose           int
	traceDir          string
	redact            []string
	noRedact          bool
	color             string
	insecure          bool
	updateSnapshots   bool
	passWithNoTests   bool
	help, version     bool
	maxMemory         string
	latency           bool
	watch             bool
}

// reporterFlagHelp is the help of -r, for wsrun and wsrun merge-reports.
const reporterFlagHelp = "`NAME[=PATH]`: pretty, dot, tap, junit, json, github or html (repeatable; PATH writes to a file)"

func newFlagSet(f *flags) *pflag.FlagSet {
	fs := pflag.NewFlagSet("wsrun", pflag.ContinueOnError)
	fs.SortFlags = false
	fs.StringVarP(&f.grep, "grep", "g", "", "run only tests whose full name matches `RE`")
	fs.StringVar(&f.grepInvert, "grep-invert", "", "skip tests whose full name matches `RE`")
	fs.IntVarP(&f.parallel, "parallel", "j", 0, "test files run at once, each in its own VM (default: number of CPUs)")
	fs.DurationVarP(&f.timeout, "timeout", "t", engine.DefaultTimeout, "per-test timeout, hooks too")
	fs.DurationVar(&f.expectTO, "expect-timeout", engine.DefaultExpectTimeout, "default timeout of every expect* wait")
	fs.StringArrayVarP(&f.envs, "env", "e", nil, "add `KEY=VALUE` to process.env (repeatable)")
	fs.StringVar(&f.envFile, "env-file", "", "read KEY=VALUE lines from `PATH` into process.env")
	fs.StringArrayVarP(&f.reporters, "reporter", "r", nil, reporterFlagHelp)
	fs.IntVar(&f.bail, "bail", 0, "stop starting tests after `N` failures (0: never)")
	fs.IntVar(&f.retries, "retries", 0, "rerun a failed test up to `N` times; a pass on retry is flaky")
	fs.StringVar(&f.shard, "shard", "", "run only the `I/N`-th slice of the test files")
	fs.BoolVar(&f.list, "list", false, "print the tests that would run, run nothing")
	fs.CountVarP(&f.verbose, "verbose", "v", "print console output of passing tests too; -vv also every frame sent and received, live")
	fs.StringVar(&f.traceDir, "trace-dir", "", "write one JSON Lines transcript per test into `DIR`")
	fs.BoolVar(&f.latency, "latency", false, "print the latency of requests (count, p50, p95, p99, max by name) above the summary")
	addRedactFlags(fs, f)
	fs.StringVar(&f.color, "color", "auto", "auto, always or never")
	fs.BoolVar(&f.insecure, "insecure", false, "skip TLS certificate checks")
	fs.BoolVarP(&f.updateSnapshots, "update-snapshots", "u", false, "rewrite snapshots that differ, write missing ones even when CI is set, remove obsolete ones")
	fs.BoolVar(&f.passWithNoTests, "pass-with-no-tests", false, "exit 0 when no test is found")
	fs.BoolVarP(&f.watch, "watch", "w", false, "run, then re-run the files each change affects (keys in a terminal: see docs/cli.md)")
	fs.StringVar(&f.maxMemory, "max-memory", "", "stop the running tests when wsrun's heap passes `SIZE`, e.g. 512MiB or 2GiB (default: half of the machine's memory, at most 4 GiB)")
	fs.BoolVarP(&f.help, "help", "h", false, "show this help")
	fs.BoolVar(&f.version, "version", false, "print version information, as wsrun version does")
	return fs
}

const usageHead = `wsrun runs JavaScript test scripts against WebSocket servers.

Usage:
  wsrun [flags] [path ...]   run tests; a path is a file or a directory (default: .)
  wsrun serve [flags] file   run the ws.serve() servers a script starts, until interrupted
  wsrun record --target URL --listen HOST:PORT [-o FILE]
                             relay and record WebSocket sessions; Ctrl-C writes a test
  wsrun init [dir]           scaffold an example test and editor typings
  wsrun merge-reports [flags] report.json ...
                             merge the JSON reports of shards into one run's reports
  wsrun version              print version information

Flags:
`

// run is the whole CLI; it returns the exit code.
func run(ctx context.Context, args []string, s streams) int {
	if len(args) > 0 {
		switch args[0] {
		case "version":
			printVersion(s.out)
			return exitOK
		case "init":
			return runInit(args[1:], s)
		case "serve":
			return runServe(ctx, args[1:], s)
		case "record":
			return runRecord(ctx, args[1:], s)
		case "merge-reports":
			return runMerge(args[1:], s)
		}
	}
	var f flags
	fs := newFlagSet(&f)
	fs.SetOutput(io.Discard)
	usage := func() { fmt.Fprint(s.err, usageHead+fs.FlagUsages()) }
	if err := fs.Parse(args); err != nil {
		fmt.Fprintf(s.err, "wsrun: %v\n\n", err)
		usage()
		return exitUsage
	}
	if f.help {
		fmt.Fprint(s.out, usageHead+fs.FlagUsages())
		return exitOK
	}
	if f.version {
		printVersion(s.out)
		return exitOK
	}
	if f.watch {
		return runWatch(ctx, &f, fs.Args(), s)
	}
	opts, closers, err := f.options(fs.Args(), s)
	if err != nil {
		closeAll(closers, false, s.err)
		fmt.Fprintf(s.err, "wsrun: %v\n", err)
		return exitUsage
	}
	sum, err := engine.Run(ctx, opts)
	if !closeAll(closers, err == nil, s.err) && err == nil && sum.OK() {
		return exitFailed
	}
	var unselected *engine.NoTestSelected
	switch {
	case errors.As(err, &unselected):
		fmt.Fprintf(s.err, "wsrun: %s (%s)\n", f.noneSelected(), unselected.Declared())
		return exitUsage
	case errors.Is(err, engine.ErrNoTests):
		fmt.Fprintf(s.err, "wsrun: no test found in %s\n", report.EscapeControls(strings.Join(pathsOrDot(fs.Args()), ", ")))
		return exitUsage
	case err != nil:
		fmt.Fprintf(s.err, "wsrun: %v\n", err)
		if sum.Interrupted {
			return exitInterrupted
		}
		return exitUsage
	case sum.Interrupted:
		return exitInterrupted
	case !sum.OK():
		return exitFailed
	}
	return exitOK
}

// noneSelected says which filters left out every test the files declared:
// `no test matches -g "login"`.
func (f *flags) noneSelected() string {
	var filters []string
	if f.grep != "" {
		filters = append(filters, "-g "+strconv.Quote(f.grep))
	}
	if f.grepInvert != "" {
		filters = append(filters, "--grep-invert "+strconv.Quote(f.grepInvert))
	}
	if len(filters) == 0 { // .only in a file whose tests are all skipped
		return "no test was selected"
	}
	return "no test matches " + strings.Join(filters, " ")
}

// closeAll commits the report files, or removes them when keep is false; it says whether all
// of them were written.
func closeAll(closers []func(keep bool) error, keep bool, stderr io.Writer) bool {
	ok := true
	for _, c := range closers {
		if err := c(keep); err != nil {
			fmt.Fprintf(stderr, "wsrun: %v\n", err)
			ok = false
		}
	}
	return ok
}

func pathsOrDot(p []string) []string {
	if len(p) == 0 {
		return []string{"."}
	}
	return p
}

// options turns flags into engine options; closers release files opened for reports.
func (f *flags) options(paths []string, s streams) (engine.Options, []func(keep bool) error, error) {
	o := engine.Options{
		Paths: paths, Parallel: f.parallel, Timeout: f.timeout, ExpectTimeout: f.expectTO,
		Bail: f.bail, Retries: f.retries, List: f.list, ListOut: s.out,
		PassWithNoTests: f.passWithNoTests, Insecure: f.insecure, TraceDir: f.traceDir,
		UpdateSnapshots: f.updateSnapshots,
		Redact:          f.redact, NoRedact: f.noRedact,
	}
	if f.verbose >= 2 {
		o.Live = s.out
	}
	var err error
	if o.Grep, err = compile("--grep", f.grep); err != nil {
		return o, nil, err
	}
	if o.GrepInvert, err = compile("--grep-invert", f.grepInvert); err != nil {
		return o, nil, err
	}
	if o.Shard, err = parseShard(f.shard); err != nil {
		return o, nil, err
	}
	if err := positiveDurations(f); err != nil {
		return o, nil, err
	}
	if f.parallel < 0 || f.bail < 0 || f.retries < 0 {
		return o, nil, errors.New("--parallel, --bail and --retries take a number of 0 or more")
	}
	if f.maxMemory != "" {
		if o.MaxMemory, err = parseSize(f.maxMemory); err != nil {
			return o, nil, fmt.Errorf("--max-memory %q: %v", f.maxMemory, err)
		}
		if o.MaxMemory < minMaxMemory {
			// wsrun's own heap is several MiB before a test runs: a smaller limit would stop
			// every test, and a bare number is bytes, which "--max-memory 512" rarely means.
			return o, nil, fmt.Errorf("--max-memory %q: is %d bytes; it must be at least 32MiB (did you mean %sMiB?)", f.maxMemory, o.MaxMemory, strings.TrimSpace(f.maxMemory))
		}
	}
	if o.Env, err = f.environment(s.environ); err != nil {
		return o, nil, err
	}
	if err := f.checkRedact(); err != nil {
		return o, nil, err
	}
	colorOn, err := report.ColorEnabled(f.color, s.terminal, s.getenv)
	if err != nil {
		return o, nil, err
	}
	if err := f.checkOutputs(o); err != nil {
		return o, nil, err
	}
	// The HTML report draws whole conversations, and the JSON report carries them for
	// merge-reports to draw.
	o.Timelines = f.wantsTimelines()
	reporters, closers, err := f.buildReporters(s, report.NewColors(colorOn))
	o.Reporters = reporters
	o.RunInfo = report.RunInfo{Version: wsrunVersion(), Verbose: f.verbose > 0, Latency: f.latency}
	return o, closers, err
}

// positiveDurations refuses a timeout of 0 or less: 0 used to turn the test timeout off
// and to bring back the default wait, neither of which the user could have meant.
func positiveDurations(f *flags) error {
	for _, d := range []struct {
		flag       string
		v, example time.Duration
	}{{"-t/--timeout", f.timeout, engine.DefaultTimeout}, {"--expect-timeout", f.expectTO, engine.DefaultExpectTimeout}} {
		if d.v <= 0 {
			return fmt.Errorf("%s %s: takes a duration greater than 0, such as %s or 1m", d.flag, d.v, d.example)
		}
	}
	return nil
}

func compile(flag, re string) (*regexp.Regexp, error) {
	if re == "" {
		return nil, nil
	}
	r, err := regexp.Compile(re)
	if err != nil {
		return nil, fmt.Errorf("%s %q is not a valid regular expression: %v", flag, re, err)
	}
	return r, nil
}

func parseShard(s string) (engine.Shard, error) {
	if s == "" {
		return engine.Shard{}, nil
	}
	is, ns, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(is)
	n, err2 := strconv.Atoi(ns)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return engine.Shard{}, fmt.Errorf("--shard %q: want I/N with 1 ≤ I ≤ N, e.g. 2/4", s)
	}
	return engine.Shard{Index: i, Count: n}, nil
}

// environment is the OS environment, overlaid by --env-file, then by -e.
func (f *flags) environment(environ []string) (map[string]string, error) {
	vars := map[string]string{}
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok {
			vars[k] = v
		}
	}
	if f.envFile != "" {
		file, err := os.Open(f.envFile)
		if err != nil {
			return nil, fmt.Errorf("--env-file: %w", err)
		}
		defer file.Close()
		fromFile, err := env.Parse(file)
		if err != nil {
			return nil, fmt.Errorf("--env-file %s: %w", f.envFile, err)
		}
		for k, v := range fromFile {
			vars[k] = v
		}
	}
	for _, kv := range f.envs {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("-e %q: want KEY=VALUE", kv)
		}
		vars[k] = v
	}
	return vars, nil
}
