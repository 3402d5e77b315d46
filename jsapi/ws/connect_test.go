package ws

import (
	"net/http"
	"strings"
	"testing"

	"github.com/gorilla/websocket"
	"github.com/wsrun/wsrun/transport/transporttest"
)

// The ordering guarantee: a message the server sends the moment it accepts is not dispatched
// before the code after `await ws.connect(…)` has run, so a handler registered there sees it.
func TestHandlersRegisteredAfterConnectSeeEveryMessage(t *testing.T) {
	h := newHarness(t, 0)
	h.ok(`
		const server = await ws.serve((conn) => { conn.send('first'); conn.send('second'); });
		for (let i = 0; i < 20; i++) {
			const c = await ws.connect(server.url);
			const seen = [];
			c.on('message', d => seen.push(d));
			expect(await c.expect('second')).toBe('second');
			expect(seen).toEqual(['first', 'second']);
			await c.close();
		}`)
}

func TestConnectOptions(t *testing.T) {
	h := newHarness(t, 0)
	h.ok(`
		const reqs = [];
		const server = await ws.serve({ path: '/chat', protocols: ['v2', 'v1'] }, (conn, req) => { reqs.push(req); });
		const a = await adopted(server.url + '?x=1', { headers: { 'X-Token': 'secret' }, query: { room: 'a b' }, protocols: ['v1'] });
		expect(a.name).toBe('conn1');
		expect(a.url).toBe(server.url + '?x=1&room=a+b');
		expect(a.protocol).toBe('v1');
		expect(a.headers['sec-websocket-protocol']).toBe('v1');
		const b = await adopted(server.url, { name: 'bob' });
		expect(b.name).toBe('bob');
		expect(b.protocol).toBe('');
		const c = await adopted(server.url);
		expect(c.name).toBe('conn2');
		expect(reqs[0]).toEqual({ url: '/chat?x=1&room=a+b', path: '/chat', query: { x: '1', room: 'a b' }, headers: expect.objectContaining({ 'x-token': 'secret' }) });
		expect(server.connections.map(c => c.name)).toEqual(['server:conn1', 'server:conn2', 'server:conn3']);
		expect(a.bufferedAmount).toBe(0);`)
}

func TestConnectRefusals(t *testing.T) {
	h := newHarness(t, 0)
	h.set("REFUSING", transporttest.NewRefusing(t, http.StatusForbidden, "go away"))
	h.set("SILENT", transporttest.NewSilent(t))
	h.ok(`
		const e = await ws.connect(REFUSING + '/items').catch(e => e);
		expect(e.message).toBe('connect ' + REFUSING + '/items: server answered 403 Forbidden: go away');
		expect(e.status).toBe(403);
		expect(e.body).toBe('go away');
		expect(e.headers['x-refused']).toBe('yes');
		expect(e.stack).toContain('(script.js:3:'); // where connect was called
		const server = await ws.serve({ path: '/ok' });
		const wrongPath = await ws.connect(server.url + 'nope').catch(e => e);
		expect(wrongPath.status).toBe(404);
		// the timeout is the subject here
		const slow = await rejection(ws.connect(SILENT, { timeout: 20 }));
		expect(slow).toContain('timed out');`)
}

func TestConnectArgumentErrors(t *testing.T) {
	h := newHarness(t, 0)
	h.ok(`
		expect(() => ws.connect(5)).toThrow('ws.connect: url must be a string like "ws://127.0.0.1:8080/path" or a URL, got the number 5');
		expect(() => ws.connect('ws://x', { timout: 5 })).toThrow(TypeError);
		expect(() => ws.connect('ws://x', { parse: 'xml' })).toThrow(/parse/);
		expect(() => ws.connect('ws://x', { maxHistory: -1 })).toThrow(TypeError);
		expect(() => ws.serve(5)).toThrow(TypeError);
		expect(() => ws.serve({}, 'f')).toThrow('ws.serve: onConnection must be a function (conn, req) => …, got');
		const { client } = await pair();
		expect(() => client.close(1005)).toThrow('close: code 1005 is reserved and must not be sent (RFC 6455 §7.4.1); use 1000, or 3000–4999 for your own codes');
		expect(() => client.close(2000)).toThrow('close: code must be 1000 or 3000–4999 (RFC 6455 §7.4.2; 1001–1003 and 1007–1014 are also allowed), got 2000');
		expect(() => client.close(1.5)).toThrow('close: code must be a whole number');
		expect(() => client.close(1000, 'x'.repeat(124))).toThrow('close: reason must be at most 123 bytes of UTF-8 (a close frame holds 125), got 124');
		expect(() => client.close(1000, 5)).toThrow(TypeError);
		expect(() => client.expect('x', { timeout: 'soon' })).toThrow(TypeError);
		expect(() => client.expectClose({ code: 'x' })).toThrow(TypeError);
		expect(() => client.request()).toThrow('request: data must be');
		expect(client.sent).toEqual([]);`)
}

func TestParseModes(t *testing.T) {
	h := newHarness(t, 0)
	h.ok(`
		const server = await ws.serve((conn) => { conn.send('{"a":1}'); conn.send(' [1]'); conn.send('{broken'); conn.send('7'); });
		const auto = await ws.connect(server.url);
		expect(await auto.expectAll([{ a: 1 }, [1], '{broken', '7'])).toEqual([{ a: 1 }, [1], '{broken', '7']);
		const text = await ws.connect(server.url, { parse: 'text' });
		expect(await text.expectNext()).toBe('{"a":1}');`)
	err := h.run(`
		const server = await ws.serve((conn) => conn.send('not json'));
		const c = await ws.connect(server.url, { parse: 'json', name: 'strict' });
		await c.expect(undefined, { timeout: 60000 });`)
	if err == nil || !strings.Contains(err.Error(), "strict: received a text frame that is not JSON, but the connection was opened with parse: 'json'") ||
		!strings.Contains(err.Error(), "frame: not json") {
		t.Fatalf("run = %v, want the parse error", err)
	}
}

// A peer that drops the TCP connection (gorilla on the other side) ends the connection
// uncleanly: 'error', then 'close', and a ping still waiting for its pong rejects.
func TestAbruptEnd(t *testing.T) {
	h := newHarness(t, 0)
	h.set("URL", transporttest.NewServer(t, func(c *websocket.Conn, _ *http.Request) {
		c.SetPingHandler(func(string) error { return c.UnderlyingConn().Close() })
		_, _, _ = c.ReadMessage()
	}))
	h.ok(`
		const c = await ws.connect(URL);
		const events = [];
		c.on('error', e => events.push('error: ' + e.message));
		const closed = new Promise(resolve => c.on('close', e => { events.push(e); resolve(); }));
		const expecting = rejection(c.expect('x', { timeout: 60000 }));
		expect(await rejection(c.ping('p'))).toMatch(/^conn1: ping got no pong: the connection closed with 1006/);
		await closed;
		expect(events).toEqual([expect.stringMatching(/^error: conn1: /), { code: 1006, reason: '', wasClean: false }]);
		expect(await expecting).toMatch(/^conn1: expect failed: the connection closed with 1006/);
		expect(c.closed).toBe(true);`)
}

// When a test ends, the waits it left pending end quietly and the connections it opened
// close; a wait on such a connection says why it can never be answered.
func TestScopeEnd(t *testing.T) {
	h := newHarness(t, 0)
	h.ok(`globalThis.server = await ws.serve();`)
	h.onLoop(func() error { h.loop.PushScope(); return nil })
	h.ok(`
		globalThis.c = await ws.connect(server.url);
		await server.expectConnection();
		globalThis.settled = [];
		for (const p of [c.expect('x'), c.expectAll(['y']), c.ping(), server.expectConnection(), ws.connect(server.url)]) {
			p.then(() => settled.push('resolved'), () => settled.push('rejected'));
		}`)
	var labels []string
	h.onLoop(func() error {
		for _, w := range h.loop.EndWaits() {
			labels = append(labels, w.Label())
		}
		h.loop.PopScope()
		return nil
	})
	want := `conn1.expect("x") conn1.expectAll(["y"]) conn1.ping() server.expectConnection() ws.connect("` // and the URL
	if got := strings.Join(labels, " "); !strings.HasPrefix(got, want) {
		t.Fatalf("pending waits = %q, want them to start %q", got, want)
	}
	h.ok(`
		expect(settled).toEqual([]);
		expect(c.closed).toBe(true);
		expect(c.closeCode).toBeUndefined();
		expect(await rejection(c.expect('x'))).toBe('conn1: expect failed: the connection was closed when the test (or describe block) that opened it ended while waiting for "x"; no unconsumed messages (0 received in all)');
		expect(await rejection(c.expectClose())).toBe('conn1: expectClose: the connection was closed when the test (or describe block) that opened it ended, so no close frame will be seen');
		expect(() => c.send('x')).toThrow('conn1: cannot send: the connection was closed when the test');
		// the server, from outside the test, outlives it
		expect((await ws.connect(server.url)).closed).toBe(false);`)
}
