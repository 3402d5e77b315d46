package expect

import (
	"slices"
	"testing"
)

// TestResolvesRejects covers .resolves and .rejects; each case runs in an async function
// whose rejection is the failure.
func TestResolvesRejects(t *testing.T) {
	runAsyncCases(t, []matcherCase{
		{name: "resolves pass", src: `await expect(Promise.resolve(1)).resolves.toBe(1)`},
		{name: "resolves fail", src: `await expect(Promise.resolve(1)).resolves.toBe(2)`, want: lines(
			"expect(received).resolves.toBe(expected) // Object.is equality",
			"",
			"Expected: 2",
			"Received: 1",
		)},
		{name: "resolves not", src: `await expect(Promise.resolve(1)).resolves.not.toBe(1)`, want: lines(
			"expect(received).resolves.not.toBe(expected) // Object.is equality",
			"",
			"Expected: not 1",
		)},
		{name: "resolves diff", src: `await expect(Promise.resolve({a: 1})).resolves.toEqual({a: 2})`, want: lines(
			"expect(received).resolves.toEqual(expected) // deep equality",
			"",
			"- Expected  - 1",
			"+ Received  + 1",
			"",
			"  {",
			"-   \"a\": 2,",
			"+   \"a\": 1,",
			"  }",
		)},
		{name: "resolves but rejected", src: `await expect(Promise.reject(new Error('boom'))).resolves.toBe(1)`, want: lines(
			"expect(received).resolves.toBe()",
			"",
			"Received promise rejected instead of resolved",
			"Rejected to value: [Error: boom]",
		)},
		{name: "resolves not a promise", src: `await expect(1).resolves.toBe(1)`, want: lines(
			"expect(received).resolves.toBe()",
			"",
			"Matcher error: received value must be a promise",
			"",
			"Received has type:  number",
			"Received has value: 1",
		)},
		{name: "resolves thenable pass", src: `await expect({then(ok) { ok(5) }}).resolves.toBe(5)`},
		{name: "resolves returns undefined", src: `const v = await expect(Promise.resolve(1)).resolves.toBe(1); expect(v).toBeUndefined()`},
		{name: "rejects toThrow pass", src: `await expect(Promise.reject(new Error('boom'))).rejects.toThrow('boom')`},
		{name: "rejects toThrow fail", src: `await expect(Promise.reject(new Error('boom'))).rejects.toThrow('bam')`, want: lines(
			"expect(received).rejects.toThrow(expected)",
			"",
			"Expected substring: \"bam\"",
			"Received message:   \"boom\"",
		)},
		{name: "rejects toThrow class", src: `await expect(Promise.reject(new TypeError('boom'))).rejects.toThrow(TypeError)`},
		{name: "rejects non-error does not throw", src: `await expect(Promise.reject('str')).rejects.toThrow()`, want: lines(
			"expect(received).rejects.toThrow()",
			"",
			"Received function did not throw",
		)},
		{name: "rejects toBe reason", src: `await expect(Promise.reject('str')).rejects.toBe('str')`},
		{name: "rejects toMatchObject reason", src: `await expect(Promise.reject(new Error('x'))).rejects.toMatchObject({message: 'y'})`, want: lines(
			"expect(received).rejects.toMatchObject(expected)",
			"",
			"- Expected  - 3",
			"+ Received  + 1",
			"",
			"- {",
			"-   \"message\": \"y\",",
			"- }",
			"+ [Error: x]",
		)},
		{name: "rejects async function", src: `await expect(async () => { throw new Error('x') }).rejects.toThrow('x')`},
		{name: "rejects but resolved", src: `await expect(Promise.resolve(1)).rejects.toThrow()`, want: lines(
			"expect(received).rejects.toThrow()",
			"",
			"Received promise resolved instead of rejected",
			"Resolved to value: 1",
		)},
		{name: "rejects not", src: `await expect(Promise.reject(new Error('boom'))).rejects.not.toThrow()`, want: lines(
			"expect(received).rejects.not.toThrow()",
			"",
			"Error name:    \"Error\"",
			"Error message: \"boom\"",
		)},
		{name: "rejects not a promise", src: `await expect(1).rejects.toBe(1)`, want: lines(
			"expect(received).rejects.toBe()",
			"",
			"Matcher error: received value must be a promise or a function returning a promise",
			"",
			"Received has type:  number",
			"Received has value: 1",
		)},
		{name: "matcher error under resolves", src: `await expect(Promise.resolve(1)).resolves.toHaveLength(1)`, want: lines(
			"expect(received).resolves.toHaveLength(expected)",
			"",
			"Matcher error: received value must have a length property whose value must be a number",
			"",
			"Received has type:  number",
			"Received has value: 1",
		)},
	})
}

// TestResolvesRejectsTellTheHostTheyWait checks that .resolves/.rejects assertions are known
// to the host while their promise is pending, and that one the host ended stays pending,
// quietly, when its promise settles later.
func TestResolvesRejectsTellTheHostTheyWait(t *testing.T) {
	e := newEnv(t)
	if msg := e.runAsync(t, `await expect(Promise.resolve(1)).resolves.toBe(1)`); msg != "" || len(e.host.waits) != 0 {
		t.Fatalf("an awaited assertion: %q, still waiting: %v", msg, e.host.waits)
	}
	e.run(t, `
		var reject;
		var assertion = expect(new Promise((_, r) => { reject = r; })).rejects.not.toThrow('boom');
		var done = false;
		assertion.then(() => { done = true; }, () => { done = true; });`)
	if want := []string{"expect(…).rejects.not.toThrow(…)"}; !slices.Equal(e.host.waits, want) {
		t.Fatalf("waiting: %v, want %v", e.host.waits, want)
	}
	e.host.ended = true                   // its test is over
	e.run(t, `reject(new Error('boom'))`) // would fail the assertion
	if len(e.host.waits) != 0 {
		t.Errorf("still waiting after the promise settled: %v", e.host.waits)
	}
	if e.value(t, "done").ToBoolean() {
		t.Error("an assertion the host ended settled anyway")
	}
}
