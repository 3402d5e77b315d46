package expect

import "testing"

// TestThrowMatchers covers toThrow with each kind of expected value, and misuse.
func TestThrowMatchers(t *testing.T) {
	runMatcherCases(t, []matcherCase{
		{name: "toThrow did not throw", src: `expect(() => {}).toThrow()`, want: lines(
			"expect(received).toThrow()",
			"",
			"Received function did not throw",
		)},
		{name: "toThrow not", src: `expect(() => { throw new Error('boom') }).not.toThrow()`, want: lines(
			"expect(received).not.toThrow()",
			"",
			"Error name:    \"Error\"",
			"Error message: \"boom\"",
		)},
		{name: "toThrow not non-error", src: `expect(() => { throw 'str' }).not.toThrow()`, want: lines(
			"expect(received).not.toThrow()",
			"",
			"Thrown value: \"str\"",
		)},
		{name: "toThrow substring", src: `expect(() => { throw new TypeError('boom') }).toThrow('bam')`, want: lines(
			"expect(received).toThrow(expected)",
			"",
			"Expected substring: \"bam\"",
			"Received message:   \"boom\"",
		)},
		{name: "toThrow not substring", src: `expect(() => { throw new Error('boom') }).not.toThrow('oo')`, want: lines(
			"expect(received).not.toThrow(expected)",
			"",
			"Expected substring: not \"oo\"",
			"Received message:       \"boom\"",
		)},
		{name: "toThrow regexp", src: `expect(() => { throw new Error('boom') }).toThrow(/bam/)`, want: lines(
			"expect(received).toThrow(expected)",
			"",
			"Expected pattern: /bam/",
			"Received message: \"boom\"",
		)},
		{name: "toThrow not regexp", src: `expect(() => { throw new Error('boom') }).not.toThrow(/oo/)`, want: lines(
			"expect(received).not.toThrow(expected)",
			"",
			"Expected pattern: not /oo/",
			"Received message:     \"boom\"",
		)},
		{name: "toThrow class", src: `expect(() => { throw new Error('boom') }).toThrow(TypeError)`, want: lines(
			"expect(received).toThrow(expected)",
			"",
			"Expected constructor: TypeError",
			"Received constructor: Error",
			"",
			"Received message: \"boom\"",
		)},
		{name: "toThrow not class", src: `expect(() => { throw new TypeError('boom') }).not.toThrow(Error)`, want: lines(
			"expect(received).not.toThrow(expected)",
			"",
			"Expected constructor: not Error",
			"Received constructor:     TypeError extends Error",
			"",
			"Received message: \"boom\"",
		)},
		{name: "toThrow class did not throw", src: `expect(() => {}).toThrow(TypeError)`, want: lines(
			"expect(received).toThrow(expected)",
			"",
			"Expected constructor: TypeError",
			"",
			"Received function did not throw",
		)},
		{name: "toThrow error object", src: `expect(() => { throw new Error('boom') }).toThrow(new Error('bam'))`, want: lines(
			"expect(received).toThrow(expected)",
			"",
			"Expected message: \"bam\"",
			"Received message: \"boom\"",
		)},
		{name: "toThrow not error object", src: `expect(() => { throw new Error('boom') }).not.toThrow(new Error('boom'))`, want: lines(
			"expect(received).not.toThrow(expected)",
			"",
			"Expected message: not \"boom\"",
		)},
		{name: "toThrow asymmetric", src: `expect(() => { throw new Error('boom') }).toThrow(expect.objectContaining({message: 'bam'}))`, want: lines(
			"expect(received).toThrow(expected)",
			"",
			"Expected asymmetric matcher: ObjectContaining {\"message\": \"bam\"}",
			"",
			"Received name:    \"Error\"",
			"Received message: \"boom\"",
		)},
		{name: "toThrow pass class", src: `class E extends Error {}; expect(() => { throw new E('x') }).toThrow(E)`},
		{name: "toThrow received not function", src: `expect(1).toThrow()`, want: lines(
			"expect(received).toThrow()",
			"",
			"Matcher error: received value must be a function",
			"",
			"Received has type:  number",
			"Received has value: 1",
		)},
		{name: "toThrow received not function with expected", src: `expect(1).toThrow('x')`, want: lines(
			"expect(received).toThrow(expected)",
			"",
			"Matcher error: received value must be a function",
			"",
			"Received has type:  number",
			"Received has value: 1",
		)},
		{name: "toThrow bad expected", src: `expect(() => { throw new Error('x') }).toThrow(1)`, want: lines(
			"expect(received).toThrow(expected)",
			"",
			"Matcher error: expected value must be a string or regular expression or class or error",
			"",
			"Expected has type:  number",
			"Expected has value: 1",
		)},
		{name: "toThrowError alias", src: `expect(() => {}).toThrowError('x')`, want: lines(
			"expect(received).toThrowError(expected)",
			"",
			"Expected substring: \"x\"",
			"",
			"Received function did not throw",
		)},
		{name: "expect with two arguments", src: `expect(1, 2)`, want: lines(
			"Expect takes at most one argument.",
		)},
	})
}
