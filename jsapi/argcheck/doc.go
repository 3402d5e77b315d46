// Package argcheck checks the arguments scripts pass to wsrun's JS API: the kind of a value
// (a number of ms, a string, a function…), the keys of an options object with a "did you
// mean" for a misspelt one, and the words of a closed set such as event names. A misuse
// throws a TypeError that names the function, the argument and what it takes, so that a
// wrong call fails where it is written instead of being ignored:
//
//	expectClose takes options like { code: 4001 }, got the number 4001
//	expect: unknown option "timeot"; did you mean "timeout"?
//
// It is a leaf: it imports only goja and the standard library, so every jsapi package (ws,
// wsrun, fetch, timers) and the engine can use it without a cycle. It has no state and no
// goroutines; its functions run on the goroutine that owns the VM, the loop goroutine.
//
// Checks cost nothing when an optional argument is left out. A right options object (or
// Scalars value) costs the list of its keys that goja builds (about 300 ns and 7 allocations
// for { timeout }, see BenchmarkCheck); the other kinds only look at the value. Messages are
// built only to throw.
//
//	var waitOpts = &argcheck.Options{Func: "expect", Example: "{ timeout: 5000 }",
//		Keys: []argcheck.Key{{Name: "timeout", Kind: argcheck.Duration}}}
//	o := waitOpts.Check(vm, call.Argument(1)) // nil when left out; throws when wrong
package argcheck
