package ws

import (
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"
)

// inboxPrelude gives each case a pair and an inbox on the client, as a protocol module makes
// one: events shown as `name ["args"]`, failures under the name alice.
const inboxPrelude = `const { server, client, peer } = await pair(...(globalThis.pairArgs || []));
const { inbox, operation } = internal;
const box = inbox(client, { noun: 'event', show: (k, v) => k + ' ' + JSON.stringify(v), name: 'alice' });
`

// newInboxHarness is a harness whose scripts also have wsrun/internal as the global internal.
func newInboxHarness(t *testing.T) *harness {
	h := newHarness(t, 0)
	h.onLoop(func() error { return h.vm.Set("internal", h.mod.Internal()) })
	return h
}

func runInboxCases(t *testing.T, cases []struct{ name, script string }) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newInboxHarness(t)
			h.ok(inboxPrelude + tc.script)
			if left := h.unsettled(); len(left) > 0 {
				t.Fatalf("waits left pending: %q", left)
			}
		})
	}
}

func TestInboxExpect(t *testing.T) {
	runInboxCases(t, []struct{ name, script string }{
		{"consumes the first unconsumed item with the key whose value matches", `
			box.push('chat', ['hello']); box.push('typing', []); box.push('chat', ['hi']);
			expect(box.size).toBe(3);
			expect(await box.expect('chat', ['hi'])).toEqual(['hi']);
			expect(box.size).toBe(2);
			expect(await box.expect('chat')).toEqual(['hello']);
			expect(await box.expect('typing', [])).toEqual([]);
			expect(box.size).toBe(0);`},
		{"an array matcher with expect.anything() matches an args array of its length", `
			box.push('chat', ['hello', { at: 1 }]);
			expect(await rejection(box.expect('chat', ['hello'], { timeout: 5 }))).toContain('alice: expect timed out after 5ms');
			expect(await box.expect('chat', ['hello', expect.anything()])).toEqual(['hello', { at: 1 }]);`},
		{"resolves with the result, buffered or later", `
			box.push('ack', { id: 1 }, 'first');
			expect(await box.expect('ack', { id: 1 })).toBe('first');
			const p = box.expect('ack', { id: 2 });
			box.push('ack', { id: 3 }, 'other'); box.push('ack', { id: 2 }, { ok: true });
			expect(await p).toEqual({ ok: true });
			expect(box.size).toBe(1);
			box.push('x', 'v', undefined); // an explicit undefined result is the result
			expect(await box.expect('x')).toBeUndefined();`},
		{"a key is not a matcher: other keys are skipped", `
			const p = box.expect('b');
			box.push('a', 'b');
			box.push('b', 'a');
			expect(await p).toBe('a');
			expect(await box.expect('a', 'b')).toBe('b');`},
		{"a string or RegExp applies to a string value only; a function to any", `
			box.push('n', 5); box.push('s', 'hello'); box.push('s', '5');
			expect(await box.expect('s', /ell/)).toBe('hello');
			expect(await rejection(box.expect('n', '5', { timeout: 5 }))).toContain('waiting for n "5"');
			expect(await rejection(box.expect('n', /5/, { timeout: 5 }))).toContain('waiting for n /5/');
			expect(await box.expect('s', '5')).toBe('5');
			expect(await box.expect('n', function odd(v) { return v % 2 === 1; })).toBe(5);`},
		{"the first of two waits takes an item", `
			const a = box.expect('e'), b = box.expect('e');
			box.push('e', 1); box.push('e', 2);
			expect([await a, await b]).toEqual([1, 2]);`},
	})
}

func TestInboxExpectNone(t *testing.T) {
	runInboxCases(t, []struct{ name, script string }{
		{"resolves after its window when nothing matching arrives", `
			box.push('chat', ['other']); box.push('error', 'x');
			expect(await box.expectNone('chat', ['bad'], { within: 20 })).toBeUndefined();
			expect(await box.expectNone('nothing', undefined, { timeout: 1 })).toBeUndefined();
			expect(box.size).toBe(2);`},
		{"a buffered match rejects at once", `
			box.push('error', { code: 7 });
			expect(await rejection(box.expectNone('error', undefined, { within: 60000 }))).toBe(
				'alice: expectNone: an event matching error arrived, but none was expected within 60000ms:\n  error {"code":7}');`},
		{"a later match rejects when it arrives, named by how, and is not consumed", `
			const p = box.expectNone('error', { code: 7 }, { within: 60000 }, { method: 'expectNoError', label: 'socket.expectNoError()', what: 'error 7' });
			box.push('error', { code: 6 }); box.push('error', { code: 7 });
			expect(await rejection(p)).toBe('alice: expectNoError: an event matching error 7 arrived, but none was expected within 60000ms:\n  error {"code":7}');
			expect(box.size).toBe(2);`},
		{"an item pushed with noneKey is seen by expectNone of that key, as noneValue, until consumed", `
			const p = box.expectNone('next', { errors: expect.anything() }, { within: 60000 });
			box.push('error', ['bad'], 'result', { noneKey: 'next', noneValue: { errors: ['bad'] } });
			expect(await rejection(p)).toBe('alice: expectNone: an event matching next {"errors": Anything} arrived, but none was expected within 60000ms:\n  error ["bad"]');
			expect(await rejection(box.expectNone('next', undefined, { within: 60000 }))).toContain('an event matching next arrived');
			expect(await box.expectNone('next', { data: expect.anything() }, { within: 5 })).toBeUndefined();
			expect(await rejection(box.expect('next', undefined, { timeout: 5 }))).toContain('alice: expect timed out after 5ms waiting for next; 1 unconsumed event:\n  1. error ["bad"]');
			expect(await box.expect('error', ['bad'])).toBe('result');
			expect(await box.expectNone('next', undefined, { within: 5 })).toBeUndefined();
			box.push('error', 1, 1, { noneKey: 'next', noneValue: null });
			expect(await rejection(box.expectNone('next', null, { within: 60000 }))).toContain('an event matching next null arrived');
			expect(() => box.push('k', 1, 1, { nonekey: 'x' })).toThrow('inbox.push: unknown option "nonekey"; did you mean "noneKey"?');`},
		{"an item an earlier expect consumes still fails an expectNone waiting for it", `
			const taken = box.expect('error', undefined, { timeout: 60000 });
			const none = box.expectNone('error', undefined, { within: 60000 });
			box.push('error', { code: 7 });
			expect(await taken).toEqual({ code: 7 });
			expect(await rejection(none)).toBe('alice: expectNone: an event matching error arrived, but none was expected within 60000ms:\n  error {"code":7}');`},
	})
}

// The exact failure of a timed-out inbox expect: the decoded listing and the closest
// candidate among the items with the awaited key.
func TestInboxTimeoutMessage(t *testing.T) {
	runInboxCases(t, []struct{ name, script string }{
		{"lists the unconsumed items decoded, and diffs the closest with the key", `
			box.push('chat', ['hello']); box.push('typing', []); box.push('chat', ['hey', 2]);
			const how = { method: 'expect', label: 'socket.expect("chat", ["hi"])', what: 'chat ["hi"]' };
			expect(await rejection(box.expect('chat', ['hi'], { timeout: 5 }, how))).toBe(
				'alice: expect timed out after 5ms waiting for chat ["hi"]; 3 unconsumed events:\n' +
				'  1. chat ["hello"]\n' +
				'  2. typing []\n' +
				'  3. chat ["hey",2]\n' +
				'\n' +
				'Closest candidate (event 1):\n' +
				'- Expected  - 1\n' +
				'+ Received  + 1\n' +
				'\n' +
				'  [\n' +
				'-   "hi",\n' +
				'+   "hello",\n' +
				'  ]');`},
		{"without how: key and matcher, and a function matcher by its name", `
			expect(await rejection(box.expect('chat', { a: 1 }, { timeout: 5 }))).toBe(
				'alice: expect timed out after 5ms waiting for chat {"a": 1}; no unconsumed events (0 received in all)');
			box.push('chat', 1);
			await box.expect('chat');
			expect(await rejection(box.expect('chat', function isHi(v) { return v === 'hi'; }, { timeout: 5 }))).toBe(
				'alice: expect timed out after 5ms waiting for chat for which function isHi returns true; no unconsumed events (1 received in all)');`},
		{"the default timeout is the module's (--expect-timeout)", `
			const t0 = Date.now();
			const p = box.expect('never');
			box.end('the test is over'); // ends it before the harness's 10 s default
			expect(await rejection(p)).toBe('alice: expect failed: the test is over while waiting for never; no unconsumed events (0 received in all)');
			expect(Date.now() - t0).toBeLessThan(5000);`},
	})
}

func TestInboxDefaultTimeout(t *testing.T) {
	h := newHarness(t, 7*time.Millisecond)
	h.onLoop(func() error { return h.vm.Set("internal", h.mod.Internal()) })
	h.ok(inboxPrelude + `expect(await rejection(box.expect('x'))).toBe('alice: expect timed out after 7ms waiting for x; no unconsumed events (0 received in all)');`)
}

func TestInboxEnd(t *testing.T) {
	runInboxCases(t, []struct{ name, script string }{
		{"fails pending expects, and later ones at once unless an item matches", `
			box.push('next', { n: 1 });
			const p = box.expect('next', { n: 2 }, { timeout: 60000 });
			const none = box.expectNone('next', { n: 3 }, { within: 10 });
			box.end('the subscription completed');
			expect(await rejection(p)).toBe('alice: expect failed: the subscription completed while waiting for next {"n": 2}; 1 unconsumed event:\n  1. next {"n":1}\n\nClosest candidate (event 1):\n- Expected  - 1\n+ Received  + 1\n\n  {\n-   "n": 2,\n+   "n": 1,\n  }');
			expect(await none).toBeUndefined();
			expect(await rejection(box.expect('next', { n: 2 }, { timeout: 60000 }))).toContain('alice: expect failed: the subscription completed while waiting for next {"n": 2}');
			expect(await box.expect('next', { n: 1 })).toEqual({ n: 1 });
			box.end('again'); // the first reason stands
			expect(await rejection(box.expect('next'))).toContain('failed: the subscription completed');`},
		{"checks its reason", `
			expect(() => box.end()).toThrow('inbox.end: why must be a string, got undefined');`},
	})
}

func TestInboxConnectionClose(t *testing.T) {
	runInboxCases(t, []struct{ name, script string }{
		{"fails pending waits, and later ones", `
			box.push('typing', []);
			const p = box.expect('chat', ['hi'], { timeout: 60000 }, { method: 'expect', what: 'chat ["hi"]' });
			peer.close(4000, 'bye');
			expect(await rejection(p)).toBe('alice: expect failed: the connection closed with 4000: bye while waiting for chat ["hi"]; 1 unconsumed event:\n  1. typing []');
			expect(await rejection(box.expect('chat', undefined, { timeout: 60000 }))).toContain('alice: expect failed: the connection closed with 4000: bye while waiting for chat;');
			box.end('later'); // the close came first
			expect(await rejection(box.expect('chat'))).toContain('the connection closed with 4000');
			expect(await box.expect('typing')).toEqual([]);
			// an inbox made on a closed connection is ended from the start
			const late = inbox(client, { noun: 'event' });
			expect(await rejection(late.expect('x'))).toBe('conn1: expect failed: the connection closed with 4000: bye while waiting for x; no unconsumed events (0 received in all)');`},
	})
}

func TestInboxThrowingCallbacks(t *testing.T) {
	runInboxCases(t, []struct{ name, script string }{
		{"a matcher that throws rejects with its error, buffered or later", `
			const boom = () => { throw new TypeError('boom'); };
			box.push('e', 1);
			expect(await rejection(box.expect('e', boom))).toBe('boom');
			const later = box.expect('f', boom);
			box.push('f', 2);
			expect(await rejection(later)).toBe('boom');
			const none = box.expectNone('g', boom, { within: 60000 });
			box.push('g', 3);
			expect(await rejection(none)).toBe('boom');`},
		{"a show that throws, or returns no string, falls back to key and value", `
			const bad = inbox(client, { noun: 'event', show: (k) => { if (k === 'a') throw new Error('show broke'); return 42; } });
			bad.push('a', ['x', 1]); bad.push('b', { y: 'z' });
			expect(await rejection(bad.expect('c', undefined, { timeout: 5 }))).toBe(
				'conn1: expect timed out after 5ms waiting for c; 2 unconsumed events:\n  1. a ["x", 1]\n  2. b {"y": "z"}');`},
	})
}

func TestInboxArguments(t *testing.T) {
	runInboxCases(t, []struct{ name, script string }{
		{"unknown options get a did you mean", `
			expect(() => box.expect('chat', undefined, { timout: 5 })).toThrow('expect: unknown option "timout"; did you mean "timeout"?');
			expect(() => box.expect('chat', undefined, { timout: 5 }, { method: 'expectEvent' })).toThrow('expectEvent: unknown option "timout"; did you mean "timeout"?');
			expect(() => box.expectNone('chat', undefined, { withn: 5 })).toThrow('expectNone: unknown option "withn"; did you mean "within"?');
			expect(() => box.expect('chat', undefined, { timeout: -1 })).toThrow('expect: option timeout must be a number of ms (0 or more), got the number -1');
			expect(() => box.expect('chat', undefined, undefined, { lable: 'x' })).toThrow('inbox.expect: unknown option "lable"; did you mean "label"?');
			expect(() => inbox(client, { nuon: 'x' })).toThrow('inbox: unknown option "nuon"; did you mean "noun"?');`},
		{"wrong arguments throw", `
			expect(() => inbox({ name: 'x' })).toThrow('inbox: conn must be a Connection (from ws.connect or ws.serve), got an object');
			expect(() => inbox(client, { show: 'x' })).toThrow('inbox: option show must be a function');
			expect(() => box.push(1, 2)).toThrow('inbox.push: key must be a string, got the number 1');
			expect(() => box.expect()).toThrow('inbox.expect: key must be a string, got undefined');
			expect(() => operation('x')).toThrow('operation: protocol must be a string, got undefined');
			expect(() => operation('', 'ws')).toThrow('operation: name and protocol must not be empty');`},
		{"the server side of a connection takes an inbox too", `
			const sbox = inbox(peer, { noun: 'frame' });
			sbox.push('k', 1);
			expect(await rejection(sbox.expect('k', 2, { timeout: 5 }))).toBe('server:conn1: expect timed out after 5ms waiting for k 2; 1 unconsumed frame:\n  1. k 1');`},
	})
}

// The inbox is capped like the Connection's inbox (maxInbox), with a note in the transcript.
func TestInboxCap(t *testing.T) {
	h := newInboxHarness(t)
	h.set("pairArgs", h.vm.ToValue([]any{map[string]any{}, map[string]any{"maxInbox": 3}}))
	h.ok(inboxPrelude + `
		for (let i = 1; i <= 5; i++) box.push('e', i);
		expect(box.size).toBe(3);
		expect(await note('were never consumed')).toEqual(['conn1: more than 3 events were never consumed by an expect (maxInbox): the oldest are dropped']);
		expect(await rejection(box.expect('e', 1, { timeout: 5 }))).toBe(
			'alice: expect timed out after 5ms waiting for e 1; 3 unconsumed events:\n  1. e 3\n  2. e 4\n  3. e 5' +
			'\n  (and 2 older unconsumed events dropped, over maxInbox 3: raise maxInbox in the options if a wait needs them)');
		for (let i = 6; i <= 9; i++) box.push('e', i);`)
	if n := strings.Count(strings.Join(h.notes, "\n"), "never consumed"); n != 1 {
		t.Fatalf("the drop note was written %d times, want once: %q", n, h.notes)
	}
}

// A wait the script never awaited is pending under its label when the test ends.
func TestInboxWaitsAreTracked(t *testing.T) {
	h := newInboxHarness(t)
	h.ok(inboxPrelude + `
		box.expect('late', undefined, { timeout: 60000 }, { label: 'socket.expect("late")' });
		box.expectNone('x', undefined, { within: 60000 });`)
	left := h.unsettled()
	want := []string{`socket.expect("late")`, `alice.expectNone(x)`}
	if strings.Join(left, "|") != strings.Join(want, "|") {
		t.Fatalf("pending waits %q, want %q", left, want)
	}
}

// A failure points at the user's line, not at the embedded module that called the inbox.
func TestInboxCallSiteSkipsInternalFrames(t *testing.T) {
	h := newInboxHarness(t)
	h.onLoop(func() error {
		prg := goja.MustCompile("wsrun:helper.js", `
			function helperExpect(box, key) {
				return deeper(box, key);
			}
			function deeper(box, key) {
				return box.expect(key, undefined, { timeout: 5 });
			}`, false)
		_, err := h.vm.RunProgram(prg)
		return err
	})
	err := h.run(inboxPrelude + `
		await helperExpect(box, 'never');`)
	if err == nil {
		t.Fatal("the wait did not fail")
	}
	msg := err.Error()
	at := strings.Index(msg, "\n\tat ")
	if at < 0 {
		t.Fatalf("no stack: %s", msg)
	}
	// script.js:2 is the script's first line; the prelude has 3, then an empty line's end.
	if stack := msg[at:]; !strings.HasPrefix(stack, "\n\tat <anonymous> (script.js:6:21)") || strings.Contains(stack, "wsrun:") {
		t.Fatalf("the stack does not start at the user's call:\n%s", msg)
	}
}

func TestOperation(t *testing.T) {
	h := newInboxHarness(t)
	type sample struct {
		name, protocol string
		d              time.Duration
	}
	var got []sample
	h.ok(inboxPrelude + `
		const done = operation('chat', 'socketio');
		done(); // no OnOperation: nothing recorded, nothing breaks`)
	h.mod.opts.OnOperation = func(name, protocol string, d time.Duration) { got = append(got, sample{name, protocol, d}) }
	h.ok(inboxPrelude + `
		const done = operation('chat', 'socketio');
		const never = operation('lost', 'graphql');
		await box.expectNone('x', undefined, { within: 20 }); // a sleep
		expect(done()).toBeUndefined();
		done(); // one operation, one sample`)
	if len(got) != 1 || got[0].name != "chat" || got[0].protocol != "socketio" || got[0].d < 20*time.Millisecond || got[0].d > 10*time.Second {
		t.Fatalf("samples %+v, want one of chat/socketio of 20ms or more", got)
	}
}
