package web

import (
	"crypto/rand"
	"embed"
	"fmt"
	"sync"
	"time"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/argcheck"
	"github.com/wsrun/wsrun/jsapi/modules"
	"github.com/wsrun/wsrun/jsapi/wsrun"
	"github.com/wsrun/wsrun/runtime/eventloop"
)

// Globals are the names Module exports, each also a global of every test file.
var Globals = []string{"URL", "URLSearchParams", "TextEncoder", "TextDecoder", "atob", "btoa",
	"structuredClone", "crypto", "AbortController", "AbortSignal", "performance", "DOMException"}

// The parts, in the order they run: each adds its globals to the object the ones before made,
// and may use theirs (DOMException first, since every other part throws it).
var parts = []string{"dom.js", "abort.js", "url.js", "encoding.js", "clone.js"}

//go:embed js/*.js
var sources embed.FS

var (
	compileOnce sync.Once
	programs    []*goja.Program
	compileErr  error
)

// compiled is the parts compiled once per process. Their file names mark their stack frames
// as wsrun's own, so failures point at the script's line instead.
func compiled() ([]*goja.Program, error) {
	compileOnce.Do(func() {
		for _, name := range parts {
			src, err := sources.ReadFile("js/" + name)
			if err == nil {
				var prog *goja.Program
				prog, err = goja.Compile(prefix+name, string(src), true)
				programs = append(programs, prog)
			}
			if err != nil {
				compileErr = fmt.Errorf("%s: %w", name, err)
				return
			}
		}
	})
	return programs, compileErr
}

// prefix starts the file name of every part in stacks.
const prefix = wsrun.InternalPrefix + "web/"

// Module is the web globals of one VM.
type Module struct {
	// Origin is performance.timeOrigin, when the VM was made: the engine instantiates the
	// module on first use, later. The zero value means when Instantiate runs.
	Origin time.Time
}

// Instantiate runs the parts in vu's VM and returns their exports, one per name of Globals.
func (m Module) Instantiate(vu modules.VU) (goja.Value, error) {
	progs, err := compiled()
	if err != nil {
		return nil, fmt.Errorf("the web globals do not compile: %w", err)
	}
	vm := vu.VM()
	origin := m.Origin
	if origin.IsZero() {
		origin = time.Now()
	}
	host, exports := newHost(vu.Loop(), origin).object(), vm.NewObject()
	for i, prog := range progs {
		fn, err := vm.RunProgram(prog)
		if err != nil {
			return nil, err
		}
		part, ok := goja.AssertFunction(fn)
		if !ok {
			return nil, fmt.Errorf("web/%s is not a function", parts[i])
		}
		if _, err := part(goja.Undefined(), host, exports); err != nil {
			return nil, err
		}
	}
	return exports, nil
}

// host holds the natives the parts are built on. Loop goroutine only.
type host struct {
	loop   *eventloop.Loop
	vm     *goja.Runtime
	origin time.Time // performance.timeOrigin; Go's monotonic reading makes now() monotonic
}

func newHost(loop *eventloop.Loop, origin time.Time) *host {
	return &host{loop: loop, vm: loop.VM(), origin: origin}
}

func (h *host) object() *goja.Object {
	o := h.vm.NewObject()
	set := func(name string, v any) { _ = o.Set(name, v) }
	set("signalKey", signalKey)
	set("prefix", prefix)
	set("describe", argcheck.Describe) // "the number 5", for the parts' TypeErrors
	set("now", func() float64 { return float64(time.Since(h.origin).Nanoseconds()) / 1e6 })
	set("timeOrigin", float64(h.origin.UnixMicro())/1e3)
	set("randomUUID", randomUUID)
	set("fillRandom", h.fillRandom)
	set("after", h.after)
	set("fail", func(v goja.Value) { h.loop.Fail(&eventloop.JSError{Value: v}) })
	set("utf8Encode", h.utf8Encode)
	set("utf8Decode", h.utf8Decode)
	set("atob", h.atob)
	set("btoa", h.btoa)
	set("formParse", h.formParse)
	set("formSerialize", h.formSerialize)
	set("urlParse", h.urlParse)
	set("urlGet", h.urlGet)
	set("urlSet", h.urlSet)
	return o
}

// after runs fn on the loop ms from now (AbortSignal.timeout). Like setTimeout it keeps the
// loop waiting until it fires; a test's end closes it with the test's other timers.
func (h *host) after(ms float64, label string, fn goja.Callable) {
	src := h.loop.Reserve(label, nil)
	h.loop.After(src, argcheck.Millis(ms), func() error {
		defer src.Release()
		_, err := fn(goja.Undefined())
		return err
	})
}

// fillRandom fills the bytes of an ArrayBuffer from offset on with n random bytes
// (crypto.getRandomValues, which clone.js has checked).
func (h *host) fillRandom(buf goja.ArrayBuffer, offset, n int) {
	b := buf.Bytes()
	if offset < 0 || n < 0 || offset+n > len(b) {
		panic(h.vm.NewTypeError("getRandomValues: the view is outside its buffer"))
	}
	_, _ = rand.Read(b[offset : offset+n]) // crypto/rand.Read never fails (Go 1.24+)
}

// randomUUID is a version 4 UUID from crypto/rand, in lower-case hex as browsers give it.
func randomUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // variant 10
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
