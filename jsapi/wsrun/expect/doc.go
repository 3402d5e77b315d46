// Package expect is wsrun's Jest-compatible expect for goja: expect(value) with .not,
// .resolves and .rejects, the matchers docs/test-api.md lists, the asymmetric matchers (expect.any,
// expect.objectContaining, …), expect.soft, expect.assertions and expect.hasAssertions,
// and failure messages shaped like Jest's: matcher hint, Expected/Received lines and a
// "- Expected  + Received" diff, in plain text for the reporter to color.
//
// Mock functions live here too, beside the matchers that read them: Mocks returns fn, spyOn
// and the jest and vi objects (fn, spyOn, clearAllMocks, …) of jest-mock's API, and the
// toHaveBeenCalled…/toHaveReturned… matchers print Jest's messages for them.
//
// toMatchSnapshot serializes values here, in pretty-format's snapshot form, but keeps no
// snapshots itself: the runner hands it a Snapshots store with SetSnapshots and names the
// running test with SetTestName (both through expect.setState, as in Jest).
//
// The library is JavaScript, embedded from js/ and compiled once per process; an Expect
// runs it in its VM on first use (the expect value, a matcher that the Go fast path cannot
// decide, a message), so a file that never uses expect pays for neither. Its scripts are named "wsrun:expect/…", so a
// runner looking for the user's failing line skips every stack frame whose file starts
// with "wsrun:". The Go side also serves other modules: Matches (the ws module's message
// matchers, with a Go fast path for plain objects), Format, Diff, DiffMatch and Closest
// (for "closest candidate" timeout messages).
//
// A failed assertion throws a JS Error with name "AssertionError", the full message, and
// matcherResult {pass, message, actual, expected, name}; it is created where the
// assertion was written (for .resolves/.rejects, where it was awaited), so its stack
// leads to the user's line. A misused matcher (toHaveLength on a number) throws a plain
// Error whose message starts with the hint and "Matcher error: …".
//
// Goroutines: an Expect belongs to one VM and is not safe for concurrent use. Every
// method must be called on the loop goroutine, the goroutine that owns the VM, as must
// the Host's SoftFailure, which expect calls from inside a failing soft assertion, and its
// StartWait, called by every .resolves/.rejects assertion.
//
//	exp, err := expect.New(vm, host) // host records expect.soft failures
//	if err != nil { … }
//	vm.Set("expect", exp.Value())
//	for _, t := range tests {
//		exp.BeginTest()
//		err := run(t)                    // the test's own throw, if any
//		if failed := exp.EndTest(); err == nil && failed != nil {
//			err = failed                 // expect.assertions(n) was not met
//		}
//	}
package expect
