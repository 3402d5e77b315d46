// Package web gives every test file the web platform's globals, with the browser's behaviour
// rather than Node's: URL and URLSearchParams (WHATWG URL, parsed by
// github.com/nlnwa/whatwg-url), TextEncoder and TextDecoder (UTF-8), atob and btoa,
// structuredClone, crypto.randomUUID and crypto.getRandomValues (crypto/rand),
// AbortController and AbortSignal, performance.now and DOMException. There is no Buffer and
// no setImmediate, as in a browser.
//
// The classes are written in JavaScript (js/*.js, compiled once per process) over a few Go
// natives: the URL parser, UTF-8, base64, randomness, the clock and the timer of
// AbortSignal.timeout. JavaScript gives them the semantics scripts can observe (class
// constructors, prototype getters, instanceof) for free; Go does what must be exact or fast.
//
// Go packages that take a signal (fetch, the ws waits, ws.connect) read it with SignalOf,
// which finds the signal's hidden state through a symbol shared by every VM, so they need no
// handle on this module. Everything here runs on the loop goroutine of the VM it serves.
//
//	exports, _ := web.Module{}.Instantiate(vu) // { URL, URLSearchParams, …, AbortSignal }
//	sig, _ := web.SignalOf(vm, "fetch", opts.Get("signal"))
//	off := sig.OnAbort(func(reason goja.Value) { cancel() })
package web
