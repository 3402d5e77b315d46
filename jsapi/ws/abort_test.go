package ws

import (
	"errors"
	"testing"

	"github.com/dop251/goja"
	"github.com/wsrun/wsrun/jsapi/web"
	"github.com/wsrun/wsrun/runtime/eventloop"
)

type webVU struct{ loop *eventloop.Loop }

func (v webVU) VM() *goja.Runtime                  { return v.loop.VM() }
func (v webVU) Loop() *eventloop.Loop              { return v.loop }
func (v webVU) Require(string) (goja.Value, error) { return nil, errors.New("no modules") }

// newWebHarness is an inbox harness whose scripts also have the web globals (AbortController…).
func newWebHarness(t *testing.T) *harness {
	h := newInboxHarness(t)
	h.onLoop(func() error {
		exports, err := web.Module{}.Instantiate(webVU{h.loop})
		if err != nil {
			return err
		}
		for _, name := range web.Globals {
			_ = h.vm.Set(name, exports.ToObject(h.vm).Get(name))
		}
		return nil
	})
	return h
}

func TestWaitsAbort(t *testing.T) {
	for _, tc := range []struct{ name, script string }{
		{"expect rejects when its signal aborts, saying what it waited for and what came", `
			peer.send({ type: 'hello' });
			await client.expect({ type: 'hello' });
			peer.send({ type: 'other' });
			await client.expect('never', { timeout: 0, signal: AbortSignal.abort() }).catch(() => {});
			const c = new AbortController();
			const p = client.expect({ type: 'welcome' }, { signal: c.signal });
			await sleep(20);
			c.abort();
			const e = await p.catch((e) => e);
			expect(e.name).toBe('AbortError');
			expect(e.message).toBe('conn1.expect({"type": "welcome"}) was aborted: signal is aborted without reason; 1 unconsumed message:\n  1. {"type":"other"}\n\nClosest candidate (message 1):\n' + e.message.split('Closest candidate (message 1):\n')[1]);
			expect(e.cause).toBe(c.signal.reason);
			expect(e.cause).toBeInstanceOf(DOMException);
			expect(await client.expect({ type: 'other' })).toEqual({ type: 'other' }); // not consumed`},
		{"AbortSignal.timeout ends a wait with a TimeoutError", `
			const e = await client.expect('never', { signal: AbortSignal.timeout(30) }).catch((e) => e);
			expect(e.name).toBe('TimeoutError');
			expect(e.message).toBe('conn1.expect("never") was aborted: signal timed out; no unconsumed messages (0 received in all)');`},
		{"a signal aborted already rejects at once and consumes nothing", `
			peer.send('x');
			await client.expect('x');
			peer.send('y');
			await sleep(20);
			const e = await client.expect('y', { signal: AbortSignal.abort('stop') }).catch((e) => e);
			expect(e.message).toBe('conn1.expect("y") was aborted: stop; 1 unconsumed message:\n  1. y');
			expect(e.cause).toBe('stop');
			expect(await client.expect('y')).toBe('y');`},
		{"every wait takes a signal", `
			const s = AbortSignal.abort(new Error('why'));
			for (const p of [client.expectNext(undefined, { signal: s }), client.expectAll(['a', 'b'], { signal: s }),
				client.expectNone('a', { within: 5000, signal: s }), client.expectClose({ signal: s }),
				client.request('ping', 'pong', { signal: s }), server.expectConnection({ signal: s }),
				box.expect('chat', ['hi'], { signal: s }), box.expectNone('chat', undefined, { signal: s })]) {
				expect(await rejection(p)).toMatch(/ was aborted: why/);
			}
			expect(peer.messages).toHaveLength(0); // request sent nothing`},
		{"an inbox wait lists the items it did not take", `
			box.push('chat', ['hello']);
			const c = new AbortController();
			const p = box.expect('chat', ['hi'], { signal: c.signal });
			c.abort(new Error('enough'));
			const msg = await rejection(p);
			expect(msg).toContain('alice.expect(chat ["hi"]) was aborted: enough; 1 unconsumed event:\n  1. chat ["hello"]\n\nClosest candidate (event 1):');`},
		{"a wait that settled first ignores the abort", `
			const c = new AbortController();
			peer.send('x');
			expect(await client.expect('x', { signal: c.signal })).toBe('x');
			c.abort();
			expect(await client.expectNone('x', { within: 10, signal: c.signal }).catch((e) => e.name)).toBe('AbortError');`},
		{"a signal that is not one is a TypeError", `
			expect(() => client.expect('x', { signal: {} })).toThrow('expect: option signal must be an AbortSignal (new AbortController().signal, AbortSignal.timeout(ms)), got an object');
			expect(() => client.expect('x', { signal: 5 })).toThrow('expect: option signal must be an AbortSignal (new AbortController().signal, AbortSignal.timeout(ms)), got the number 5');`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newWebHarness(t)
			h.ok("const sleep = (ms) => new Promise((r) => AbortSignal.timeout(ms).onabort = r);\n" + inboxPrelude + tc.script)
			if left := h.unsettled(); len(left) > 0 {
				t.Fatalf("waits left pending: %q", left)
			}
		})
	}
}

func TestConnectAbort(t *testing.T) {
	h := newWebHarness(t)
	h.ok(`
		const server = await ws.serve();
		const e = await ws.connect(server.url, { signal: AbortSignal.abort() }).catch((e) => e);
		expect(e.name).toBe('AbortError');
		expect(e.message).toBe('ws.connect("' + server.url + '") was aborted: signal is aborted without reason');
		// Aborted while dialling: the dial stops.
		const c = new AbortController();
		const p = ws.connect(server.url, { signal: c.signal, timeout: 60000 });
		c.abort('enough');
		expect(await rejection(p)).toBe('ws.connect("' + server.url + '") was aborted: enough');
		await new Promise((r) => AbortSignal.timeout(200).onabort = r);
		expect(server.connections).toHaveLength(0); // the dial stopped, or its connection was closed
		const conn = await ws.connect(new URL(server.url), { signal: new AbortController().signal });
		expect(conn.url).toBe(server.url);`)
}
