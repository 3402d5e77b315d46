package ws

import (
	"testing"
	"time"
)

// Each case runs against a fresh pair: client is connected to peer, its server side. A case
// awaits every wait it starts, so none may be left pending.
func runPairCases(t *testing.T, timeout time.Duration, cases []struct{ name, script string }) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, timeout)
			h.ok("const { server, client, peer } = await pair();\n" + tc.script)
			if left := h.unsettled(); len(left) > 0 {
				t.Fatalf("waits left pending: %q", left)
			}
		})
	}
}

func TestExpectConsumes(t *testing.T) {
	runPairCases(t, 0, []struct{ name, script string }{
		{"buffered messages count, and earlier non-matching ones stay available", `
			peer.send('a'); peer.send({ type: 'b', n: 2 }); peer.send('c');
			expect(await client.expect('c')).toBe('c'); // all three have arrived now
			expect(await client.expect({ type: 'b' })).toEqual({ type: 'b', n: 2 });
			expect(await client.expectNext()).toBe('a');
			expect(client.messages.map(m => m.text)).toEqual(['a', '{"type":"b","n":2}', 'c']);`},
		{"a later message resolves a waiting expect, and one it skips stays", `
			const p = client.expect(/^d/);
			peer.send('x'); peer.send('done');
			expect(await p).toBe('done');
			expect(await client.expectNext('x')).toBe('x');`},
		{"a consumed message is not given twice", `
			peer.send('same'); peer.send('same');
			await client.expect('same'); await client.expect('same');
			expect(await rejection(client.expect('same', { timeout: 1 }))).toContain('no unconsumed messages (2 received in all)');`},
		{"the first of two waits for the same message takes it", `
			const first = client.expect('m'), second = client.expect('m');
			peer.send('m');
			expect(await first).toBe('m');
			peer.send('m');
			expect(await second).toBe('m');`},
		{"matchers: RegExp, function, asymmetric, array, any", `
			peer.send('{"list":[1,2,3]}'); peer.send('plain'); peer.send(new Uint8Array([1, 2]));
			expect(await client.expect(/pla/)).toBe('plain');
			expect(await client.expect(d => d instanceof Uint8Array)).toEqual(new Uint8Array([1, 2]));
			expect(await client.expect({ list: expect.arrayContaining([2]) })).toEqual({ list: [1, 2, 3] });
			peer.send([1, 'two']); peer.send(new Uint8Array([9]));
			expect(await client.expect(['1'.length, 'two'])).toEqual([1, 'two']);
			expect(await client.expect(expect.any(Uint8Array))).toEqual(new Uint8Array([9]));
			peer.send('anything');
			expect(await client.expect()).toBe('anything');`},
		{"a string matches a text frame's raw text, never a binary one", `
			peer.send(new Uint8Array([104, 105])); peer.send('hi'); // binary 'hi', then text
			await client.expect('hi');
			expect(client.messages.length).toBe(2);
			expect(await client.expectNext()).toBeInstanceOf(Uint8Array);`},
		{"a matcher that throws rejects with its error, buffered or later", `
			const boom = () => { throw new TypeError('boom'); };
			peer.send('z');
			expect(await rejection(client.expect(boom))).toBe('boom');
			const later = client.expect(boom);
			peer.send('w');
			expect(await rejection(later)).toBe('boom');`},
		{"request sends and waits for the answer", `
			peer.on('message', m => peer.send({ re: m.id }));
			expect(await client.request({ id: 7 }, { re: 7 })).toEqual({ re: 7 });
			expect(client.sent.map(s => s.text)).toEqual(['{"id":7}']);`},
	})
}

func TestExpectNext(t *testing.T) {
	runPairCases(t, 0, []struct{ name, script string }{
		{"takes the very next message, buffered or later", `
			peer.send('a');
			const p = client.expectNext('b');
			expect(await rejection(p)).toBe('conn1: expectNext: the next message does not match\n\nExpected: "b"\nReceived: a');
			expect(await client.expectNext('a')).toBe('a');
			const later = client.expectNext({ n: 1 });
			peer.send({ n: 1 });
			expect(await later).toEqual({ n: 1 });`},
		{"an object that does not match shows the diff", `
			const p = client.expectNext({ type: 'welcome', user: 'bob' });
			peer.send({ type: 'welcome', user: 'alice' });
			const msg = await rejection(p);
			expect(msg).toContain('Expected: {"type": "welcome", "user": "bob"}');
			expect(msg).toContain('Received: {"type":"welcome","user":"alice"}');
			expect(msg).toContain('-   "user": "bob"');
			expect(msg).toContain('+   "user": "alice"');
			// the message it did not match is not consumed
			expect(await client.expect({ user: 'alice' })).toEqual({ type: 'welcome', user: 'alice' });`},
	})
}

func TestExpectAll(t *testing.T) {
	runPairCases(t, 0, []struct{ name, script string }{
		{"resolves in the matchers' order, whatever the order of arrival", `
			peer.send({ t: 'b' }); peer.send('noise');
			await client.expect('noise'); // { t: 'b' } is buffered now
			const p = client.expectAll([{ t: 'a' }, { t: 'b' }, /^c/]);
			peer.send('c1'); peer.send({ t: 'a' });
			expect(await p).toEqual([{ t: 'a' }, { t: 'b' }, 'c1']);`},
		{"equal matchers take distinct messages", `
			peer.send('m'); peer.send('other'); peer.send('m');
			expect(await client.expectAll(['m', 'm'])).toEqual(['m', 'm']);
			expect(await client.expectNext()).toBe('other');`},
		{"all buffered resolves at once", `
			peer.send('1'); peer.send('2'); peer.send('3');
			await client.expect('3');
			expect(await client.expectAll(['2', '1'])).toEqual(['2', '1']);`},
		{"not an array throws", `
			expect(() => client.expectAll({ t: 'a' })).toThrow('expectAll: matchers must be an array of matchers');`},
	})
}

func TestExpectNone(t *testing.T) {
	runPairCases(t, 0, []struct{ name, script string }{
		{"resolves after its window when nothing matching arrives", `
			peer.send('other');
			expect(await client.expectNone('bad', { within: 20 })).toBeUndefined();
			expect(await client.expectNone('bad', { timeout: 1 })).toBeUndefined();`},
		{"a buffered match rejects at once", `
			peer.send('bad'); peer.send('x');
			await client.expect('x');
			expect(await rejection(client.expectNone('bad', { within: 60000 }))).toBe(
				'conn1: expectNone: a message matching "bad" arrived, but none was expected within 60000ms:\n  bad');`},
		{"a later match rejects as soon as it arrives, and is not consumed", `
			const p = client.expectNone({ kind: 'error' }, { within: 60000 });
			peer.send({ kind: 'ok' }); peer.send({ kind: 'error' });
			expect(await rejection(p)).toContain('conn1: expectNone: a message matching {"kind": "error"} arrived');
			expect(await client.expect({ kind: 'error' })).toEqual({ kind: 'error' });`},
		{"a matcher that throws rejects", `
			const p = client.expectNone(() => { throw new Error('nope'); }, { within: 60000 });
			peer.send('x');
			expect(await rejection(p)).toBe('nope');`},
	})
}

// TestFunctionMatcherResultIsNotRead: what a matcher function returns is tested for truth
// and for being a promise only. Reading an object it returned with Export ran its getters,
// and one that threw was a Go panic: the test failed as an internal error.
func TestFunctionMatcherResultIsNotRead(t *testing.T) {
	runPairCases(t, 0, []struct{ name, script string }{
		{"an object with a throwing getter is truthy", `
			peer.send('a');
			expect(await client.expect(() => ({ get x() { throw new Error('read'); } }))).toBe('a');`},
		{"a then getter that throws makes no promise", `
			peer.send('b');
			expect(await client.expect(() => ({ get then() { throw new Error('read'); } }))).toBe('b');`},
		{"a promise still fails the wait", `
			peer.send('c');
			expect(await rejection(client.expect(async () => true))).toContain('the matcher function returned a Promise (is it async?)');`},
	})
}

// The timeout is the subject of these cases, so their waits are short.
func TestWaitTimeouts(t *testing.T) {
	runPairCases(t, 0, []struct{ name, script string }{
		{"lists what arrived and was not consumed", `
			peer.send('a'); peer.send({ n: 1 });
			await client.expect({ n: 1 });
			expect(await rejection(client.expect('b', { timeout: 5 }))).toBe(
				'conn1: expect timed out after 5ms waiting for "b"; 1 unconsumed message:\n  1. a');`},
		{"says how many arrived when none is left", `
			expect(await rejection(client.expect(undefined, { timeout: 5 }))).toBe(
				'conn1: expect timed out after 5ms waiting for any message; no unconsumed messages (0 received in all)');`},
		{"lists five and counts the rest", `
			for (let i = 1; i <= 7; i++) peer.send('m' + i);
			await client.expectAll(['m7']);
			const msg = await rejection(client.expectNext(/never/));
			expect(msg).toBe('conn1: expectNext: the next message does not match\n\nExpected: /never/\nReceived: m1');
			const t = await rejection(client.expect(/never/, { timeout: 5 }));
			expect(t).toContain('6 unconsumed messages:\n  1. m1\n  2. m2\n  3. m3\n  4. m4\n  5. m5\n  … and 1 more');`},
		{"shows the closest candidate's diff for an object matcher", `
			peer.send({ type: 'a', n: 1 }); peer.send({ type: 'b', n: 2 }); peer.send('x');
			await client.expect('x');
			const msg = await rejection(client.expect({ type: 'b', n: 3 }, { timeout: 5 }));
			expect(msg).toContain('2 unconsumed messages:\n  1. {"type":"a","n":1}\n  2. {"type":"b","n":2}');
			expect(msg).toContain('Closest candidate (message 2):');
			expect(msg).toContain('-   "n": 3');
			expect(msg).toContain('+   "n": 2');
			expect(await rejection(client.expect({ type: 'a', n: 9 }, { timeout: 5 }))).toContain('Closest candidate (message 1):');`},
		{"names a function matcher and long text shortened", `
			peer.send('y'.repeat(300));
			await client.expect(/y/);
			peer.send('z'.repeat(300)); peer.send('sync');
			await client.expect('sync');
			const msg = await rejection(client.expect(function isBig(d) { return d.length > 1000; }, { timeout: 5 }));
			expect(msg).toContain('waiting for a message for which function isBig returns true; 1 unconsumed message:\n  1. ' + 'z'.repeat(200) + '… (300 bytes)');`},
		{"binary messages are listed by size", `
			peer.send(new Uint8Array(3)); peer.send('sync');
			await client.expect('sync');
			const msg = await rejection(client.expect('text', { timeout: 5 }));
			expect(msg).toContain('1. <binary, 3 bytes>');`},
		{"expectAll says which matchers are missing", `
			peer.send({ t: 'a' }); peer.send('sync');
			await client.expect('sync');
			expect(await rejection(client.expectAll([{ t: 'a' }, { t: 'b' }, 'c'], { timeout: 5 }))).toBe(
				'conn1: expectAll timed out after 5ms; still missing [1] {"t": "b"}, [2] "c"; no unconsumed messages (2 received in all)');`},
	})
}

// An options object in the matcher's place is a legal matcher, so it waits the default
// timeout, made short here.
func TestWaitTimeoutHintsAtMisplacedOptions(t *testing.T) {
	runPairCases(t, 5*time.Millisecond, []struct{ name, script string }{
		{"expect", `
			expect(await rejection(client.expect({ timeout: 5000 }))).toBe('conn1: expect timed out after 5ms waiting for {"timeout": 5000} ' +
				'(did you mean expect(undefined, { timeout: 5000 })? the object is used as the matcher); no unconsumed messages (0 received in all)');`},
		{"expectNext", `
			expect(await rejection(client.expectNext({ timeout: 5000 }))).toContain('(did you mean expectNext(undefined, { timeout: 5000 })?');`},
		{"request", `
			expect(await rejection(client.request('q', { timeout: 5000 }))).toContain(
				'conn1: request timed out after 5ms waiting for {"timeout": 5000} (did you mean request(data, undefined, { timeout: 5000 })?');`},
		{"not for other keys", `
			expect(await rejection(client.expect({ type: 'x' }))).not.toContain('did you mean');`},
	})
}

func TestWaitsEndWhenTheConnectionCloses(t *testing.T) {
	runPairCases(t, 0, []struct{ name, script string }{
		{"a pending expect rejects at once, not at its timeout", `
			peer.send('a');
			const p = client.expect('never', { timeout: 60000 });
			peer.close(4000, 'bye');
			expect(await rejection(p)).toBe('conn1: expect failed: the connection closed with 4000: bye while waiting for "never"; 1 unconsumed message:\n  1. a');`},
		{"expectNext and expectAll too; expectNone keeps its window", `
			const next = rejection(client.expectNext('x', { timeout: 60000 }));
			const all = rejection(client.expectAll(['a', 'b'], { timeout: 60000 }));
			const none = client.expectNone('x', { within: 10 });
			await peer.close();
			expect(await next).toContain('conn1: expectNext failed: the connection closed with 1000');
			expect(await all).toContain('conn1: expectAll failed: the connection closed with 1000 normal closure while waiting for [0] "a", [1] "b"');
			expect(await none).toBeUndefined();`},
		{"a wait started after the close rejects at once", `
			await peer.close(4001, 'gone');
			await client.expectClose();
			expect(client.closed).toBe(true);
			expect(await rejection(client.expect('x', { timeout: 60000 }))).toContain('conn1: expect failed: the connection closed with 4001: gone');
			// what arrived before the close is still there
			peer.send; // (peer is closed too)
			expect(() => client.send('late')).toThrow('conn1: cannot send: the connection closed with 4001: gone');
			expect(() => peer.send('late')).toThrow('server:conn1: cannot send');`},
		{"buffered messages are still served after the close", `
			peer.send('kept');
			await peer.close();
			await client.expectClose({ code: 1000 });
			expect(await client.expect('kept')).toBe('kept');`},
	})
}

func TestExpectClose(t *testing.T) {
	runPairCases(t, 0, []struct{ name, script string }{
		{"resolves with the code and reason, and checks them", `
			const p = client.expectClose({ code: 4000, reason: /by/ });
			peer.close(4000, 'bye');
			expect(await p).toEqual({ code: 4000, reason: 'bye' });
			expect(client.closeCode).toBe(4000);
			expect(client.closeReason).toBe('bye');
			// already closed: at once, with the recorded code
			expect(await client.expectClose({ code: 4000, reason: 'bye' })).toEqual({ code: 4000, reason: 'bye' });
			expect(await rejection(client.expectClose({ code: 1000 }))).toBe('conn1: expectClose: expected close code 1000, got 4000 "bye"');
			expect(await rejection(client.expectClose({ reason: 'hi' }))).toBe('conn1: expectClose: expected close reason "hi", got "bye"');`},
		{"times out while the connection stays open", `
			expect(client.closeCode).toBeUndefined();
			expect(client.closeReason).toBeUndefined();
			expect(await rejection(client.expectClose({ timeout: 5 }))).toBe('conn1: expectClose timed out after 5ms: the connection is still open');`},
		{"close resolves with the peer's answer", `
			const seen = peer.expectClose();
			// the peer's echo of a close frame carries the code, not the reason
			expect(await client.close(4002, 'done')).toEqual({ code: 4002, reason: '' });
			expect(await seen).toEqual({ code: 4002, reason: 'done' });
			expect(await client.close()).toEqual({ code: 4002, reason: '' });`},
	})
}

func TestPing(t *testing.T) {
	runPairCases(t, 0, []struct{ name, script string }{
		{"resolves with the round trip when the pong comes", `
			const pings = [];
			peer.on("ping", p => pings.push(p.length));
			const pongs = [];
			client.on('pong', p => pongs.push(p.length));
			expect(typeof await client.ping()).toBe('number');
			expect(typeof await client.ping('abc')).toBe('number');
			expect(typeof await client.ping(new Uint8Array([1, 2, 3, 4]))).toBe('number');
			// A ping's promise settles before the 'pong' handlers run, and the peer's 'ping'
			// handlers run after it answered: a message round trip behind them lets both finish.
			client.send('sync');
			await peer.expect('sync');
			peer.send('sync');
			await client.expect('sync');
			expect(pongs).toEqual(['wsrun-ping-1'.length, 3, 4]);
			expect(pings).toEqual(pongs);`},
		{"rejects on a closed connection", `
			await peer.close(4000, 'bye');
			await client.expectClose();
			expect(await rejection(client.ping())).toBe('conn1: cannot ping: the connection closed with 4000: bye');`},
		{"checks its payload", `
			expect(() => client.ping(5)).toThrow('ping: payload must be a string or bytes, got the number 5');
			expect(() => client.ping('x'.repeat(126))).toThrow('ping: payload must be at most 125 bytes (a control frame holds 125), got 126');`},
	})
}
