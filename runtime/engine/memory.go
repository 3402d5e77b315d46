package engine

import (
	"fmt"
	"runtime"
	"runtime/metrics"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/wsrun/wsrun/jsapi/wsrun"
)

// Memory sizes.
const (
	MiB = 1 << 20
	GiB = 1 << 30
)

// maxDefaultMemory caps DefaultMaxMemory: a test run that needs more is rare enough to ask.
const maxDefaultMemory = 4 * GiB

// DefaultMaxMemory is the limit a run gets when Options.MaxMemory is zero: half of the
// machine's memory (or of the container's, when it is limited), at most 4 GiB.
func DefaultMaxMemory() int64 {
	total := machineMemory()
	if total <= 0 {
		return maxDefaultMemory / 2 // unknown: what a small machine would get
	}
	return min(total/2, maxDefaultMemory)
}

// The watchdog samples the heap every sampleSlow, and every sampleFast once it is past half
// the limit: a script that allocates without end adds a few GB a second, so the limit is
// overshot by what it allocates in one sampleFast. A sample costs a few microseconds.
const (
	sampleSlow = 10 * time.Millisecond
	sampleFast = 2 * time.Millisecond
	// sampleIdle is the pause after a collection that left the heap past the limit with no
	// test to stop (an embedder's own memory), so it is not collected again every sample.
	sampleIdle = time.Second
)

// memoryWatch stops the running tests when the heap passes the limit. The heap counts
// garbage too, so past the limit it collects first, and only what survives counts: that also
// makes the collector work harder near the limit, as GOMEMLIMIT would, without changing the
// process's settings.
type memoryWatch struct {
	limit int64

	mu      sync.Mutex
	running map[*fileRun]string // the file's test running now, "" for hooks and loading
	stopped map[*fileRun]bool   // stopped for memory and not yet finished
}

func newMemoryWatch(limit int64) *memoryWatch {
	return &memoryWatch{limit: limit, running: map[*fileRun]string{}, stopped: map[*fileRun]bool{}}
}

// enter registers a file whose loop is set up; leave, when it is done and its VM can go.
// at records the test it runs now. Any goroutine; nil-safe for runs without a limit.
func (w *memoryWatch) enter(f *fileRun) { w.at(f, "") }

func (w *memoryWatch) at(f *fileRun, test string) {
	if w == nil {
		return
	}
	w.mu.Lock()
	w.running[f] = test
	w.mu.Unlock()
}

func (w *memoryWatch) leave(f *fileRun) {
	if w == nil {
		return
	}
	w.mu.Lock()
	delete(w.running, f)
	delete(w.stopped, f)
	w.mu.Unlock()
}

// heapBytes is the Go heap the watchdog compares with the limit: live objects and garbage.
func heapBytes() int64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	return int64(sample[0].Value.Uint64())
}

// watch samples the heap until done is closed.
func (w *memoryWatch) watch(done <-chan struct{}) {
	heap := heapBytes
	t := time.NewTimer(sampleSlow)
	defer t.Stop()
	for {
		select {
		case <-done:
			return
		case <-t.C:
		}
		next := sampleSlow
		if h := heap(); h > w.limit && !w.stopping() {
			runtime.GC()
			if h = heap(); h > w.limit && !w.stop(h) {
				next = sampleIdle
			}
		} else if h > w.limit/2 {
			next = sampleFast
		}
		t.Reset(next)
	}
}

// stopping reports whether files stopped earlier are still finishing: until their VMs are
// gone, what those hold would count against the next tests.
func (w *memoryWatch) stopping() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.stopped) > 0
}

// stop aborts every running file with a memoryError. It returns false when none was running.
func (w *memoryWatch) stop(heap int64) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.running) == 0 {
		return false
	}
	names := make(map[*fileRun]string, len(w.running))
	for f, test := range w.running {
		names[f] = f.file.display
		if test != "" {
			names[f] += wsrun.Sep + test
		}
	}
	for f := range w.running {
		var others []string
		for g, name := range names {
			if g != f {
				others = append(others, name)
			}
		}
		slices.Sort(others)
		w.stopped[f] = true
		f.loop.Abort(&memoryError{limit: w.limit, heap: heap, others: others})
	}
	return true
}

// memoryError is why a test was stopped for memory: what the user sees.
type memoryError struct {
	limit, heap int64
	others      []string // the other tests stopped at the same time
}

func (e *memoryError) Error() string { return "used more than " + formatMiB(e.limit) }

// message is the failure of what was stopped ("test", "beforeEach hook", …).
func (e *memoryError) message(what string) string {
	msg := fmt.Sprintf("%s used more than %s and was stopped: that is wsrun's memory limit "+
		"(--max-memory), shared by the files that run at the same time. If the test needs more, "+
		"raise it, e.g. --max-memory %dMiB; otherwise look for data that grows without end "+
		"(an array or map nothing empties). What it allocated may still be referenced by the "+
		"file's variables, so the rest of this file was not run.",
		what, formatMiB(e.limit), (2*e.limit+MiB-1)/MiB)
	if len(e.others) > 0 {
		msg += fmt.Sprintf(" Running at the same time and stopped too: %s.", joinNames(e.others))
	}
	return msg
}

func joinNames(names []string) string {
	const shown = 3
	if len(names) > shown {
		return fmt.Sprintf("%s and %d more", strings.Join(names[:shown], ", "), len(names)-shown)
	}
	return strings.Join(names, ", ")
}

// formatMiB shows a size in MiB, as the limit's message does, or in bytes below 1 MiB.
func formatMiB(n int64) string {
	switch {
	case n < MiB:
		return fmt.Sprintf("%d bytes", n)
	case n%MiB == 0:
		return fmt.Sprintf("%d MiB", n/MiB)
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/MiB)
}
