package engine

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wsrun/wsrun/runtime/redact"
	"github.com/wsrun/wsrun/runtime/report"
)

// runner is the state shared by the files of one run.
type runner struct {
	opts       Options
	onlyRun    bool         // some file declares .only: files without it are left out
	onlyFound  atomic.Bool  // a file that loaded did declare a .only (onlyRun was no misreading)
	leftOut    leftOut      // the files onlyRun left out, for a run again when it was a misreading
	filesID    string       // report.RunInfo.FileSet
	failures   atomic.Int64 // for --bail
	liveOut    liveWriter
	traceNames traceNames
	mem        *memoryWatch     // nil without a memory limit
	red        *redact.Redactor // nil: redaction is off

	// declaredTests and declaredFiles count what the loaded files declared, for the message
	// of a selection that left out every test (NoTestSelected).
	declaredTests, declaredFiles atomic.Int64

	serving bool // under `wsrun serve`: ws.serve answers CORS by default

	// timelineBytes is the payload the run's timelines hold so far (MaxTimelinePayload).
	timelineBytes atomic.Int64

	// cleanup is the context afterEach and afterAll hooks run under: it ends HookGrace after
	// the run's context does, so that hooks can still tell servers goodbye. Nil outside Run.
	cleanup context.Context
}

func (r *runner) bailed() bool {
	return r.opts.Bail > 0 && r.failures.Load() >= int64(r.opts.Bail)
}

// bailReason is why --bail left a test or a file unrun, shown by every reporter.
func (r *runner) bailReason() string {
	if r.opts.Bail == 1 {
		return "not run: --bail stopped the run after 1 failure"
	}
	return fmt.Sprintf("not run: --bail stopped the run after %d failures", r.opts.Bail)
}

// Run runs the tests that opts select and reports them to opts.Reporters. It returns the
// summary; an error means the run itself could not happen (bad path, ErrNoTests), not that a
// test failed. When ctx is cancelled, running tests are stopped and the summary of what ran is
// reported with Interrupted set.
func Run(ctx context.Context, opts Options) (report.Summary, error) {
	start := time.Now()
	ctx, stop := interruptOnEnd(ctx)
	defer stop()
	r, files, err := prepare(opts)
	if err != nil {
		return report.Summary{}, err
	}
	opts = r.opts
	if opts.List {
		return r.list(ctx, files)
	}
	if limit := opts.maxMemory(); limit > 0 {
		r.mem = newMemoryWatch(limit)
		done := make(chan struct{})
		defer close(done)
		go r.mem.watch(done)
	}
	cleanup, endCleanup := graceAfter(ctx, HookGrace)
	defer endCleanup()
	r.cleanup = cleanup

	var agg report.Aggregator
	reporters := redacting{next: report.Multi(opts.Reporters...), red: r.red}
	for res := range r.start(ctx, files) {
		agg.Add(res)
		reporters.FileDone(res)
	}
	if again := r.misreadOnly(ctx, files); again != nil {
		for res := range r.start(ctx, again) {
			agg.Add(res)
			reporters.FileDone(res)
		}
	}
	sum := agg.Summary(time.Since(start), ctx.Err() != nil)
	sum.Run = opts.RunInfo
	sum.Run.Start, sum.Run.Shard, sum.Run.FileSet = start.UTC(), report.Shard(opts.Shard), r.filesID
	if sum.Files.Passed+sum.Files.Failed == 0 && !sum.Interrupted && !opts.PassWithNoTests {
		return sum, r.noTests()
	}
	orphans, err := r.orphanSnapshots(ctx, files)
	sum.SnapshotFiles = orphans
	if rerr := reporters.RunDone(sum); rerr != nil { // the reports first, whatever happened
		return sum, rerr
	}
	return sum, err
}

// onlyRE finds test.only / it.only / describe.only, and their .each, in a file's code (see
// codeOnly). Files are scanned before they run because .only in one file leaves out the tests
// of every other file.
var onlyRE = regexp.MustCompile(`\b(test|it|describe)\.only\s*(\(|\.\s*each\b)`)

// expectRE finds a use of the expect library's globals (not conn.expect) or a snapshot file.
// Only a hint: a file that uses it where this does not look loads it on first use all the same.
var expectRE = regexp.MustCompile(`(?:^|[^.\w$])(?:expect|jest|vi)\b`)

// scanFiles reports whether a file has a .only, and whether one seems to use expect.
func scanFiles(files []testFile) (only, usesExpect bool) {
	for _, f := range files {
		if f.problem != "" { // a FIFO among them would block the read
			continue
		}
		if src, err := os.ReadFile(f.abs); err == nil {
			only = only || onlyRE.Match(codeOnly(src))
			usesExpect = usesExpect || expectRE.Match(src)
		}
		if only && usesExpect {
			break
		}
	}
	return only, usesExpect
}

// start runs files, opts.Parallel at a time, and sends the result of each file that had a
// selected test; the channel is closed when all are done.
func (r *runner) start(ctx context.Context, files []testFile) <-chan report.FileResult {
	results := make(chan report.FileResult)
	var wg sync.WaitGroup
	work := make(chan testFile)
	for range min(r.opts.Parallel, max(len(files), 1)) {
		wg.Go(func() {
			for f := range work {
				if res, ok := r.runFile(ctx, f); ok {
					results <- res
				}
			}
		})
	}
	go func() {
		defer close(work)
		for _, f := range files {
			// Once --bail is reached, files still go to runFile, which reports each as not run.
			if ctx.Err() != nil {
				return
			}
			work <- f
		}
	}()
	go func() { wg.Wait(); close(results) }()
	return results
}

// leftOut collects the files that loaded and were left out because another file seemed to
// declare a .only (runner.onlyRun). Worker goroutines add to it.
type leftOut struct {
	mu    sync.Mutex
	files map[string]int // testFile.abs → the number of tests it declared
}

func (l *leftOut) add(tf testFile, tests int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.files == nil {
		l.files = map[string]int{}
	}
	l.files[tf.abs] = tests
}

// misreadOnly returns, in order, the files to run or list again when the source scan took a
// mention of .only( for one (see codeOnly) but no file that loaded declares one: every file
// without it was left out, and with --pass-with-no-tests the run passed without them. Those
// were not reported, so they run again with onlyRun off; the files that were (a file that
// could not load) are not. It returns nil when there is nothing to run again. A shard's
// files are not all the files the scan read, so another shard may hold the .only.
func (r *runner) misreadOnly(ctx context.Context, files []testFile) []testFile {
	if !r.onlyRun || r.onlyFound.Load() || r.opts.Shard.Count > 1 || ctx.Err() != nil {
		return nil
	}
	r.onlyRun = false
	r.leftOut.mu.Lock()
	defer r.leftOut.mu.Unlock()
	var again []testFile
	for _, tf := range files {
		if n, ok := r.leftOut.files[tf.abs]; ok {
			// selectTests counts them again.
			r.declaredTests.Add(-int64(n))
			r.declaredFiles.Add(-1)
			again = append(again, tf)
		}
	}
	r.leftOut.files = nil
	return again
}

// interruptOnEnd returns a context that is cancelled when ctx ends, its deadline included.
// The tests of a run whose context had a deadline (wsruntest's, before go test's -timeout)
// were stopped by it with "test timed out after 30000ms", their own timeout, a few
// milliseconds in: an interruption of the run reads as one.
func interruptOnEnd(ctx context.Context) (context.Context, func()) {
	inner, cancel := context.WithCancel(context.WithoutCancel(ctx))
	if ctx.Err() != nil {
		cancel()
	}
	stop := context.AfterFunc(ctx, cancel)
	return inner, func() { stop(); cancel() }
}

// HookGrace is how long the afterEach and afterAll hooks of the running tests have, together,
// once a run is interrupted (SIGINT): long enough to tell a server goodbye, short enough that
// Ctrl-C still feels immediate.
const HookGrace = 2 * time.Second

// errGraceOver ends hooks still running when HookGrace is up.
var errGraceOver = fmt.Errorf("the run was interrupted, and the %s the hooks had to finish are up", HookGrace)

// graceAfter returns a context that ends d after ctx does.
func graceAfter(ctx context.Context, d time.Duration) (context.Context, func()) {
	grace, cancel := context.WithCancelCause(context.WithoutCancel(ctx))
	stop := context.AfterFunc(ctx, func() {
		t := time.AfterFunc(d, func() { cancel(errGraceOver) })
		context.AfterFunc(grace, func() { t.Stop() })
	})
	return grace, func() { stop(); cancel(nil) }
}

// codeOnly returns src with its comments and the contents of its string and template literals
// blanked out, so that a comment or a string that mentions test.only( does not leave out the
// tests of every other file (with --pass-with-no-tests, a run that ran nothing then passed).
// Regular expression literals are blanked too where a slash can only start one (see
// regexpEnd): a quote in /'/ opened a string that ended at the next quote on the line, which
// turned the string after it into code, so 'use test.only(' there left out every test of the
// run. After a keyword (return /re/) a slash starts one too; a regular expression this does
// not tell apart (after a closing parenthesis, say: if (x) /re/) can still do that.
func codeOnly(src []byte) []byte {
	out := make([]byte, len(src))
	var quote byte // the quote of the string literal being read, or 0
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case quote != 0:
			c = ' '
			if src[i] == '\\' {
				i++
				if i < len(src) {
					out[i-1] = ' '
				}
			} else if src[i] == quote || src[i] == '\n' && quote != '`' {
				quote = 0
			}
		case c == '"' || c == '\'' || c == '`':
			quote = c
		case c == '/' && (i+1 == len(src) || src[i+1] != '/' && src[i+1] != '*'):
			if end := regexpEnd(src, out, i); end > 0 {
				out[i], out[end] = '/', '/'
				for j := i + 1; j < end; j++ {
					out[j] = ' '
				}
				i = end
				continue
			}
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' {
				out[i] = ' '
				i++
			}
			if i < len(src) {
				out[i] = '\n'
			}
			continue
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := bytes.Index(src[i+2:], []byte("*/"))
			if end < 0 {
				end = len(src) - i - 2
			} else {
				end += 2
			}
			for j := i; j < i+2+end; j++ {
				out[j] = ' '
			}
			i += 1 + end
			continue
		}
		if i < len(src) {
			out[i] = c
		}
	}
	return out
}

// slashKeywords are the keywords after which a slash starts a regular expression, not a
// division: return /re/.test(s). Read as a division, a .only( in that regular expression
// counted as a .only, which left out every other file.
var slashKeywords = []string{"return", "typeof", "case", "do", "else", "in", "of", "yield", "await", "void", "delete", "throw", "new", "instanceof"}

// afterKeyword reports whether code ends in one of slashKeywords, as a whole word (not
// a.return or returned).
func afterKeyword(code []byte) bool {
	i := len(code)
	for i > 0 && (code[i-1] >= 'a' && code[i-1] <= 'z' || code[i-1] >= 'A' && code[i-1] <= 'Z' || code[i-1] >= '0' && code[i-1] <= '9' || code[i-1] == '_' || code[i-1] == '$') {
		i--
	}
	if i > 0 && code[i-1] == '.' {
		return false
	}
	return slices.Contains(slashKeywords, string(code[i:]))
}

// regexpEnd returns the index of the slash that ends the regular expression literal starting
// at src[i], or 0 when the slash at i cannot start one: the code before it (out, already
// scanned) ends in a value, as in a / b, or no closing slash follows on the same line.
func regexpEnd(src, out []byte, i int) int {
	j := i - 1
	for j >= 0 && (out[j] == ' ' || out[j] == '\t' || out[j] == '\n' || out[j] == '\r') {
		j--
	}
	if j >= 0 && !strings.ContainsRune("(,=:[!&|?{};+-*%<>~^", rune(out[j])) && !afterKeyword(out[:j+1]) {
		return 0
	}
	inClass := false
	for k := i + 1; k < len(src); k++ {
		switch c := src[k]; {
		case c == '\n':
			return 0
		case c == '\\':
			k++
		case c == '[':
			inClass = true
		case c == ']':
			inClass = false
		case c == '/' && !inClass:
			return k
		}
	}
	return 0
}
