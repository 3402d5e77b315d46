package engine

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/jsonlimit"
	"github.com/wsrun/wsrun/runtime/safefile"
)

// The .snap file, as Jest reads and writes it: JavaScript that assigns template literals to
// exports[key], sorted by key, with multi-line snapshots starting on a line of their own.

// snapshotHeader starts every .snap file, as Jest writes it.
const snapshotHeader = "// Jest Snapshot v1, https://goo.gl/fbAQLP"

// snapshotReadTimeout bounds evaluating a .snap file: it is JavaScript, and a hand-edited
// one could loop.
const snapshotReadTimeout = 5 * time.Second

// snapPath is where a test file's snapshots live: __snapshots__/<name>.snap beside it.
func snapPath(testPath string) string {
	dir, base := filepath.Split(testPath)
	return filepath.Join(dir, "__snapshots__", base+".snap")
}

// parseSnapshots evaluates a .snap file, which is JavaScript assigning template literals
// to exports[key], in a VM of its own. That VM is not a test's, so the memory watchdog does
// not stop it: it stops itself when the heap passes limit (> 0), as a test would be stopped,
// or a hand-edited file that allocates in a loop took gigabytes before its time was up.
//
// It is read as a test file is: a file nesting deeper than maxNesting is refused before goja's
// parser overflows its stack (a fatal error that ended the run), and the VM gets the call
// depth limit and the guarded JSON.parse and function constructors of a test's VM.
func parseSnapshots(path, src string, limit int64) (map[string]string, error) {
	if at := nestingExceeds(src, ".js", maxNesting); at >= 0 {
		return nil, fmt.Errorf("nested too deeply: it nests brackets or expressions more than %d levels deep at line %d, more than wsrun parses",
			maxNesting, strings.Count(src[:at], "\n")+1)
	}
	vm := goja.New()
	vm.SetMaxCallStackSize(MaxCallStackSize)
	jsonlimit.Install(vm)
	guardFunctionConstructors(vm)
	exports := vm.NewObject()
	if err := vm.Set("exports", exports); err != nil {
		return nil, err
	}
	timer := time.AfterFunc(snapshotReadTimeout, func() { vm.Interrupt("reading it took too long") })
	defer timer.Stop()
	if limit > 0 {
		done := make(chan struct{})
		defer close(done)
		go func() {
			tick := time.NewTicker(sampleFast)
			defer tick.Stop()
			for {
				select {
				case <-done:
					return
				case <-tick.C:
				}
				if heapBytes() > limit {
					if runtime.GC(); heapBytes() > limit {
						vm.Interrupt("reading it used more than " + formatMiB(limit) + " (--max-memory)")
						return
					}
				}
			}
		}()
	}
	if _, err := vm.RunScript(path, strings.ReplaceAll(src, "\r\n", "\n")); err != nil {
		return nil, err
	}
	data := map[string]string{}
	for _, k := range exports.Keys() {
		v := exports.Get(k)
		if _, ok := v.Export().(string); !ok {
			return nil, fmt.Errorf("the snapshot %q is not a string", k)
		}
		data[k] = trimExtraLineBreaks(v.String())
	}
	return data, nil
}

// Multi-line snapshots are stored with an extra line break at each end, so that they
// start on a line of their own in the file.
func trimExtraLineBreaks(v string) string {
	if len(v) > 2 && strings.HasPrefix(v, "\n") && strings.HasSuffix(v, "\n") {
		return v[1 : len(v)-1]
	}
	return v
}

func addExtraLineBreaks(v string) string {
	if strings.Contains(v, "\n") {
		return "\n" + v + "\n"
	}
	return v
}

// write replaces the .snap file with safefile, so an interrupted run never leaves half a
// file. With no snapshot left, the file (and an empty __snapshots__ directory) is removed.
func (s *snapshots) write() error {
	if len(s.data) == 0 {
		if err := os.Remove(s.path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("remove the snapshot file %s: %w", s.display, err)
		}
		_ = os.Remove(filepath.Dir(s.path)) // only when empty
		return nil
	}
	if err := safefile.WriteFile(s.path, []byte(formatSnapshots(s.data))); err != nil {
		return fmt.Errorf("write the snapshot file %s: %w", s.display, err)
	}
	return nil
}

// formatSnapshots is a .snap file as Jest writes one: the header, then one
// exports[`key`] = `value`; per entry in natural key order, blank lines between.
func formatSnapshots(data map[string]string) string {
	keys := make([]string, 0, len(data))
	for k := range data {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, naturalCompare)
	var b strings.Builder
	b.WriteString(snapshotHeader + "\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "\nexports[%s] = %s;\n", backtick(k), backtick(addExtraLineBreaks(data[k])))
	}
	return b.String()
}

// backtickRE finds what a template literal cannot hold as is. A carriage return is one: JS
// reads a raw CR (or CR LF) in a template literal as LF, so a key or value with one never
// matched what was written (a test named with a \r wrote its snapshot anew on every run, and
// passed whatever the value).
var backtickRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile("`|\\\\|\\$\\{|\r") })

// backtick quotes s as a template literal whose value is s.
func backtick(s string) string {
	return "`" + backtickRE().ReplaceAllStringFunc(s, func(m string) string {
		if m == "\r" {
			return `\r`
		}
		return `\` + m
	}) + "`"
}

// naturalCompare orders keys as Jest does, with runs of digits compared by their value, so
// "t 2" comes before "t 10".
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		if isDigit(a[0]) && isDigit(b[0]) {
			na, ra := digitRun(a)
			nb, rb := digitRun(b)
			if c := compareNumbers(na, nb); c != 0 {
				return c
			}
			a, b = ra, rb
			continue
		}
		if a[0] != b[0] {
			return int(a[0]) - int(b[0])
		}
		a, b = a[1:], b[1:]
	}
	return len(a) - len(b)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func digitRun(s string) (digits, rest string) {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return s[:i], s[i:]
}

// compareNumbers compares two runs of digits by value, then by length (so "01" follows
// "1" and the order stays total).
func compareNumbers(a, b string) int {
	ta, tb := strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
	if len(ta) != len(tb) {
		return len(ta) - len(tb)
	}
	if c := strings.Compare(ta, tb); c != 0 {
		return c
	}
	return len(a) - len(b)
}
