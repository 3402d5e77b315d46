package ws

import (
	"strings"
	"testing"

	"github.com/wsrun/wsrun/transport/transporttest"
)

func TestSend(t *testing.T) {
	runPairCases(t, 0, []struct{ name, script string }{
		{"a string is text, bytes are binary, anything else is JSON text", `
			client.send('plain');
			client.send(new Uint8Array([1, 2, 3]));
			client.send(new Uint8Array([0, 1, 2, 3, 4]).subarray(1, 3));
			client.send(new Uint8Array([5, 6]).buffer);
			client.send(new DataView(new Uint8Array([7, 8, 9]).buffer, 1, 2));
			client.send({ a: [1, null] });
			client.send(42);
			await peer.expectAll([expect.anything(), expect.anything(), expect.anything(), expect.anything(), expect.anything(), expect.anything(), '42']);
			expect(peer.messages.map(m => [m.type, m.type === 'text' ? m.text : Array.from(m.data)])).toEqual([
				['text', 'plain'], ['binary', [1, 2, 3]], ['binary', [1, 2]], ['binary', [5, 6]], ['binary', [8, 9]],
				['text', '{"a":[1,null]}'], ['text', '42'],
			]);
			expect(peer.messages[5].data).toEqual({ a: [1, null] });
			// sent keeps the value given and the frame's text
			expect(client.sent.map(s => s.type)).toEqual(['text', 'binary', 'binary', 'binary', 'binary', 'text', 'text']);
			expect(client.sent[5].data).toEqual({ a: [1, null] });
			expect(client.sent[5].text).toBe('{"a":[1,null]}');
			expect(client.sent[1].text).toBeUndefined();
			expect(typeof client.sent[0].at).toBe('number');`},
		{"nothing to send throws", `
			expect(() => client.send()).toThrow('send: data must be a string, an ArrayBuffer or typed array, or a value to send as JSON, got undefined');
			expect(() => client.send(() => 1)).toThrow('cannot send [Function anonymous]: it has no JSON form');
			const cyclic = {}; cyclic.self = cyclic;
			expect(() => client.send(cyclic)).toThrow(TypeError);
			expect(client.sent).toEqual([]);`},
		{"an object is read once, by JSON.stringify", `
			let reads = 0;
			client.send({ get n() { reads++; return 1; } });
			expect(reads).toBe(1); // telling bytes from objects copied it whole first
			expect(await peer.expect()).toEqual({ n: 1 });`},
	})
}

// TestMethodsOnAPrototype: Connection methods are shared, not closures per connection (about
// 21 KB each, most of 500 connections' memory), so like a browser WebSocket's they need their
// object as this; called without one they say so instead of failing somewhere inside.
func TestMethodsOnAPrototype(t *testing.T) {
	runPairCases(t, 0, []struct{ name, script string }{
		{"one prototype for both sides; a destructured method says how to call it", `
			expect(Object.getPrototypeOf(client)).toBe(Object.getPrototypeOf(peer));
			expect(client.send).toBe(peer.send);
			const { send, expect: wait } = client;
			expect(() => send('x')).toThrow('send: call it on a Connection, as conn.send(…); it was called on undefined (Connection methods are not bound');
			expect(() => wait.call({}, 'x')).toThrow('expect: call it on a Connection, as conn.expect(…); it was called on an object');
			expect(() => Object.getOwnPropertyDescriptor(Object.getPrototypeOf(client), 'closed').get.call(42)).toThrow('closed: call it on a Connection');
			send.call(client, 'y');
			const bound = client.send.bind(client);
			bound('z');
			await peer.expectAll(['y', 'z']);
			expect(client.closed).toBe(false);
			expect(client.sent.map(s => s.data)).toEqual(['y', 'z']);`},
	})
}

func TestHistory(t *testing.T) {
	runPairCases(t, 0, []struct{ name, script string }{
		{"messages keeps every received message in order", `
			peer.send('a'); peer.send(new Uint8Array([1])); peer.send('{"j":1}');
			await client.expectAll(['a', expect.any(Uint8Array), { j: 1 }]);
			const m = client.messages;
			expect(m.map(x => x.type)).toEqual(['text', 'binary', 'text']);
			expect(m[2]).toEqual({ data: { j: 1 }, type: 'text', text: '{"j":1}', at: expect.any(Number) });
			expect(m[1].text).toBeUndefined();
			// consuming does not remove from history
			expect(client.messages.length).toBe(3);`},
		{"history and inbox keep the message as received: values are rebuilt from the frame", `
			const seen = [];
			client.on('message', (m) => { seen.push(m); m.changed = true; });
			peer.send('{"n":1}'); peer.send('{"n":2}'); peer.send('[3]'); peer.send('plain');
			const first = await client.expect({ n: 1 }); // waiting already: the handler's object
			expect(first).toBe(seen[0]);
			await client.expect('plain');
			// buffered before this expect: rebuilt from the text, the handler's change not in it
			expect(await client.expect({ n: 2 })).toStrictEqual({ n: 2 });
			expect(client.messages.map((m) => m.data)).toEqual([{ n: 1 }, { n: 2 }, [3], 'plain']);
			expect(client.messages[1].data).not.toBe(seen[1]);
			expect(await client.expectNext()).toEqual([3]);`},
	})
	t.Run("maxHistory drops the oldest and notes it once", func(t *testing.T) {
		h := newHarness(t, 0)
		h.ok(`
			const { client, peer } = await pair({}, { name: 'capped', maxHistory: 2 });
			for (const s of ['a', 'b', 'c', 'd']) { peer.send(s); client.send(s); }
			await client.expect('d');
			expect(client.messages.map(m => m.data)).toEqual(['c', 'd']);
			expect(client.sent.map(m => m.data)).toEqual(['c', 'd']);
			// dropped from history, still there for expect
			expect(await client.expect('a')).toBe('a');
			expect(await note('maxHistory')).toEqual(['capped: history is capped at 2 messages (maxHistory): older ones are dropped from messages']);`)
	})
	t.Run("maxInbox drops the oldest unconsumed and notes it", func(t *testing.T) {
		h := newHarness(t, 0)
		h.ok(`
			const { client, peer } = await pair({ maxInbox: 2 });
			client.send('x'); client.send('y'); client.send('z');
			await peer.expect('z');
			expect(await rejection(peer.expect('x', { timeout: 1 }))).toContain('1 unconsumed message:\n  1. y');
			expect(peer.messages.length).toBe(3);
			expect(await note('maxInbox')).toEqual(['server:conn1: more than 2 messages were never consumed by an expect (maxInbox): the oldest are dropped']);`)
	})
}

func TestHandlers(t *testing.T) {
	runPairCases(t, 0, []struct{ name, script string }{
		{"handlers observe every message and consume none", `
			const seen = [];
			client.on('message', d => seen.push(d));
			peer.send('a'); peer.send({ b: 1 });
			expect(await client.expect({ b: 1 })).toEqual({ b: 1 });
			expect(seen).toEqual(['a', { b: 1 }]);
			expect(await client.expect('a')).toBe('a');`},
		{"a matcher handler runs for matching messages only, with this the connection", `
			const seen = [];
			client.on({ t: 'x' }, function (d) { seen.push([this.name, d.n]); });
			client.on('message', /^tick/, d => seen.push(d));
			for (const m of [{ t: 'x', n: 1 }, { t: 'y', n: 2 }, 'tick', { t: 'x', n: 3 }]) peer.send(m);
			await client.expect({ n: 3 });
			expect(seen).toEqual([['conn1', 1], 'tick', ['conn1', 3]]);`},
		{"once runs once; off and the returned function remove", `
			const seen = [];
			const a = d => seen.push('a' + d), b = d => seen.push('b' + d), c = d => seen.push('c' + d), m = d => seen.push('m' + d);
			client.once('message', a);
			client.on('message', b);
			const offC = client.on('message', c);
			client.on(/./, m);
			peer.send('1');
			await client.expect('1');
			client.off('message', b);
			offC();
			offC(); // twice is harmless
			client.off(/other/, m); // off(matcher, fn) removes fn's matcher handlers
			peer.send('2');
			await client.expect('2');
			expect(seen).toEqual(['a1', 'b1', 'c1', 'm1']);`},
		{"a handler may remove a later one, which then does not run", `
			const seen = [];
			let offB;
			client.on('message', () => { seen.push('a'); offB(); });
			offB = client.on('message', () => seen.push('b'));
			peer.send('1');
			await client.expect('1');
			expect(seen).toEqual(['a']);`},
		{"close and error events", `
			const events = [];
			client.on('close', e => events.push(['close', e]));
			client.once('close', () => events.push(['once']));
			client.on('error', e => events.push(['error', e.message]));
			// expectClose settles before the 'close' handlers run: the last handler tells
			const last = new Promise(resolve => client.on('close', resolve));
			peer.close(4000, 'bye');
			await last;
			expect(events).toEqual([['close', { code: 4000, reason: 'bye', wasClean: true }], ['once']]);`},
		{"wrong arguments throw where they are written", `
			expect(() => client.on('mesage', () => {})).toThrow('on: unknown event "mesage"; did you mean "message"?');
			expect(() => client.on('close', /x/, () => {})).toThrow("on: only 'message' takes a matcher, as in on('message', matcher, handler); on('close', handler) takes two arguments");
			expect(() => client.on(5, () => {})).toThrow('on: the first argument must be an event');
			expect(() => client.once('message', 'f')).toThrow('once: handler must be a function, got');
			expect(() => client.off('message')).toThrow('off: handler must be the function given to on(), got undefined');
			expect(() => client.off('nope', () => {})).toThrow(TypeError);`},
	})
}

// A handler's error fails the test that is running: Run ends with it.
func TestHandlerErrorEndsTheRun(t *testing.T) {
	h := newHarness(t, 0)
	err := h.run(`
		const { client, peer } = await pair();
		client.on('message', () => { throw new Error('handler broke'); });
		peer.send('x');
		await client.expect('never', { timeout: 60000 });`)
	if err == nil || !strings.Contains(err.Error(), "handler broke") {
		t.Fatalf("run = %v, want the handler's error", err)
	}
}

// A peer that never reads fills the socket; maxBuffered then refuses a send with advice.
func TestSendRefusedWhenBufferFull(t *testing.T) {
	h := newHarness(t, 0)
	h.set("URL", transporttest.NewHostile(t, transporttest.NeverRead))
	h.ok(`
		const c = await ws.connect(URL, { maxBuffered: 1 << 20 });
		const chunk = 'x'.repeat(1 << 20);
		let msg;
		// The kernel's socket buffers are finite: with nothing read, a send is refused well
		// before this bound.
		for (let i = 0; i < 512 && msg === undefined; i++) {
			try { c.send(chunk); } catch (e) { msg = e.message; }
		}
		expect(msg).toMatch(/^conn1: cannot send 1 MiB \(1048576 bytes\): .* sent earlier still wait to be written to the socket, and maxBuffered is 1 MiB \(1048576 bytes\); the peer is not reading, or not fast enough\. Wait for conn\.bufferedAmount to drop, or raise maxBuffered in the options of ws\.connect$/);
		expect(c.bufferedAmount).toBeGreaterThan(0);`)
}
