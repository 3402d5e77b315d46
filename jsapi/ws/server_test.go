package ws

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/gorilla/websocket"
)

func TestServe(t *testing.T) {
	h := newHarness(t, 0)
	h.ok(`
		const calls = [];
		let connected;
		const onConnection = new Promise(resolve => { connected = resolve; });
		const hub = await ws.serve({ name: 'hub', path: '/hub' }, (conn, req) => { calls.push([conn.name, req.path]); connected(); });
		expect(hub.url).toBe('ws://127.0.0.1:' + hub.port + '/hub');
		const plain = await ws.serve();
		const third = await ws.serve();
		expect((await ws.connect(hub.url)).name).toBe('conn1');
		expect((await ws.connect(plain.url)).name).toBe('conn2');
		expect((await ws.connect(third.url)).name).toBe('conn3');
		// default server names count every server of the VM; a connection is named after its server
		expect((await plain.expectConnection()).name).toBe('server2:conn1');
		expect((await third.expectConnection()).name).toBe('server3:conn1');
		const h = await hub.expectConnection();
		expect(h.name).toBe('hub:conn1');
		// a waiting expectConnection gets the connection before onConnection runs
		await onConnection;
		expect(calls).toEqual([['hub:conn1', '/hub']]);
		// the server side has the same API
		const c = await ws.connect(hub.url);
		c.on('message', 'hello?', () => c.send('hello!'));
		const hc = await hub.expectConnection();
		expect(await hc.request('hello?', 'hello!')).toBe('hello!');`)
}

func TestExpectConnection(t *testing.T) {
	h := newHarness(t, 0)
	h.ok(`
		const server = await ws.serve({ name: 'hub' });
		// buffered: the client connected before the call
		await adopted(server.url);
		expect((await server.expectConnection()).name).toBe('hub:conn1');
		// later: the call came first
		const later = server.expectConnection();
		const b = await ws.connect(server.url, { name: 'b' });
		const pb = await later;
		expect(pb.name).toBe('hub:conn2');
		// several buffered: in the order they connected
		await adopted(server.url);
		await adopted(server.url);
		expect((await server.expectConnection()).name).toBe('hub:conn3');
		expect((await server.expectConnection()).name).toBe('hub:conn4');
		b.send('from b');
		expect(await pb.expect()).toBe('from b');
		// the timeout is the subject here
		expect(await rejection(server.expectConnection({ timeout: 5 }))).toBe('hub: expectConnection timed out after 5ms: no client connected to ' + server.url);
		expect(() => server.expectConnection({ within: 5 })).toThrow(TypeError);`)
}

func TestBroadcastAndClose(t *testing.T) {
	h := newHarness(t, 0)
	h.ok(`
		const server = await ws.serve();
		const a = await adopted(server.url), b = await adopted(server.url);
		const pa = await server.expectConnection(), pb = await server.expectConnection();
		await pb.close(4000, 'leaving');
		expect(await b.expectClose()).toEqual({ code: 4000, reason: 'leaving' });
		expect(server.connections).toEqual([pa]);
		const c = await ws.connect(server.url);
		await server.expectConnection();
		server.broadcast({ news: 1 });
		expect(await a.expect({ news: 1 })).toEqual({ news: 1 });
		expect(await c.expect({ news: 1 })).toEqual({ news: 1 });
		expect(() => server.broadcast()).toThrow('broadcast: data must be');
		expect(() => server.close(1000)).toThrow('server.close() takes no arguments: it closes every connection with 1001; to close one with a code, call conn.close(code, reason)');
		const ca = a.expectClose({ code: 1001, reason: 'server closed' }), cc = c.expectClose({ code: 1001 });
		expect(await server.close()).toBeUndefined();
		await ca; await cc;
		expect(await rejection(ws.connect(server.url))).toContain('connect ' + server.url);`)
}

func TestVerify(t *testing.T) {
	h := newHarness(t, 0)
	h.ok(`
		const seen = [];
		const server = await ws.serve({ verify: (req) => {
			seen.push(req.query.who);
			switch (req.query.who) {
			case 'ok': return true;
			case 'no': return false;
			case 'teapot': return { status: 418, body: 'short and stout' };
			case 'later': return Promise.resolve(true);
			case 'later-no': return new Promise(resolve => resolve({ status: 401 }));
			}
		} });
		const refused = async (who) => await ws.connect(server.url, who === undefined ? {} : { query: { who } }).catch(e => e);
		expect((await ws.connect(server.url, { query: { who: 'ok' } })).closed).toBe(false);
		const no = await refused('no');
		expect([no.status, no.body]).toEqual([403, 'refused by verify']);
		const teapot = await refused('teapot');
		expect(teapot.message).toBe('connect ' + server.url + '?who=teapot: server answered 418 I\'m a teapot: short and stout');
		expect([teapot.status, teapot.body]).toEqual([418, 'short and stout']);
		expect((await ws.connect(server.url, { query: { who: 'later' } })).closed).toBe(false);
		expect((await refused('later-no')).status).toBe(401);
		expect((await refused(undefined)).status).toBe(403);
		expect(seen).toEqual(['ok', 'no', 'teapot', 'later', 'later-no', undefined]);
		expect((await server.expectConnection()).name).toBe('server:conn1'); // only accepted ones count`)
	// A verify that throws answers 500 and fails the run with its error.
	err := h.run(`
		const server = await ws.serve({ verify: () => { throw new Error('verify broke'); } });
		await ws.connect(server.url).catch(() => {});
		await new Promise(() => {});`)
	if err == nil || !strings.Contains(err.Error(), "verify broke") {
		t.Fatalf("run = %v, want verify's error", err)
	}
	err = h.run(`
		const server = await ws.serve({ verify: async () => { throw new Error('async verify broke'); } });
		const e = await ws.connect(server.url).catch(e => e);
		expect(e.status).toBe(500);
		await new Promise(() => {});`)
	if err == nil || !strings.Contains(err.Error(), "async verify broke") {
		t.Fatalf("run = %v, want verify's error", err)
	}
}

// httpGet(url) is a Go HTTP GET for scripts: { status, type, body }.
func (h *harness) installHTTPGet() {
	h.set("httpGet", func(url string) *goja.Promise {
		p, resolve, reject := h.loop.Promise("httpGet " + url)
		go func() {
			resp, err := http.Get(url)
			if err != nil {
				reject(err)
				return
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			resolve(map[string]any{"status": resp.StatusCode, "type": resp.Header.Get("Content-Type"), "body": string(body)})
		}()
		return p
	})
}

func TestServeHTTP(t *testing.T) {
	h := newHarness(t, 0)
	h.installHTTPGet()
	h.ok(`
		const server = await ws.serve({ path: '/ws', http: async (req) => {
			switch (req.path) {
			case '/text': return { body: 'hello ' + req.query.name, headers: { 'Content-Type': 'text/plain' } };
			case '/json': return { status: 201, body: { method: req.method } };
			case '/empty': return undefined;
			}
			return { status: 404 };
		} });
		const base = 'http://127.0.0.1:' + server.port;
		expect(await httpGet(base + '/text?name=ann')).toEqual({ status: 200, type: 'text/plain', body: 'hello ann' });
		expect(await httpGet(base + '/json')).toEqual({ status: 201, type: 'application/json', body: '{"method":"GET"}' });
		expect(await httpGet(base + '/empty')).toEqual({ status: 200, type: expect.any(String), body: '' });
		expect((await httpGet(base + '/other')).status).toBe(404);
		// the upgrade path is still WebSocket
		expect((await ws.connect(server.url)).closed).toBe(false);
		expect(await note('HTTP GET /text')).toEqual(['server: HTTP GET /text?name=ann → 200']);`)
	err := h.run(`
		const server = await ws.serve({ http: () => { throw new Error('http broke'); } });
		const r = await httpGet('http://127.0.0.1:' + server.port + '/x');
		await new Promise(() => {});`)
	if err == nil || !strings.Contains(err.Error(), "http broke") {
		t.Fatalf("run = %v, want the handler's error", err)
	}
}

// Shutdown is the end of wsrun serve: every server closes its connections with 1001.
func TestShutdown(t *testing.T) {
	h := newHarness(t, 0)
	h.ok(`
		globalThis.server = await ws.serve();
		globalThis.c = await ws.connect(server.url);
		await server.expectConnection();`)
	h.onLoop(func() error { h.mod.Shutdown(1001, "server shutting down"); return nil })
	h.ok(`expect(await c.expectClose()).toEqual({ code: 1001, reason: 'server shutting down' });`)
}

// A restart (wsrun serve --watch) closes connections with 1012, and the next run of the script
// listens where the previous one did: the n-th ws.serve() asking for port 0 gets the n-th port,
// on the same socket, so a client that reconnects before the next run listens is answered by it.
func TestRestartKeepsPorts(t *testing.T) {
	h := newHarness(t, 0)
	h.ok(`
		globalThis.a = await ws.serve();
		globalThis.b = await ws.serve({ name: 'b' });
		globalThis.c = await ws.connect(a.url);
		await a.expectConnection();`)
	var listened []Listened
	h.onLoop(func() error {
		listened = h.mod.Detach(1012, "service restart")
		return nil
	})
	h.ok(`expect(await c.expectClose()).toEqual({ code: 1012, reason: 'service restart' });`)
	if len(listened) != 2 || listened[0].Port == 0 || listened[1].Port == 0 || listened[0].Port == listened[1].Port ||
		listened[0].Listener == nil || listened[1].Listener == nil {
		t.Fatalf("Detach() = %+v, want two ports with their sockets", listened)
	}
	// Between the runs: the socket is open, so this client waits instead of being refused.
	early := make(chan error, 1)
	go func() {
		c, _, err := websocket.DefaultDialer.Dial(fmt.Sprintf("ws://127.0.0.1:%d/", listened[0].Port), nil)
		if err == nil {
			_, _, err = c.ReadMessage()
			c.Close()
		}
		early <- err
	}()
	next := newHarness(t, 0)
	next.onLoop(func() error { next.mod.inherit = slices.Clone(listened); return nil })
	next.ok(fmt.Sprintf(`
		const a = await ws.serve((conn) => conn.send('next run')), b = await ws.serve();
		expect([a.port, b.port]).toEqual([%d, %d]);
		await a.expectConnection({ timeout: 3000 });`, listened[0].Port, listened[1].Port))
	if err := <-early; err != nil {
		t.Fatalf("a client that connected between the runs: %v", err)
	}
}

// A socket that no ws.serve() of the next run adopts is closed, and its port is free again.
func TestRestartDropsUnadoptedSockets(t *testing.T) {
	h := newHarness(t, 0)
	h.ok(`globalThis.a = await ws.serve();`)
	var listened []Listened
	h.onLoop(func() error { listened = h.mod.Detach(1012, "service restart"); return nil })
	next := newHarness(t, 0)
	next.onLoop(func() error { next.mod.inherit = slices.Clone(listened); return nil })
	next.ok(`globalThis.other = await ws.serve({ host: '127.0.0.2' });`)
	next.onLoop(func() error { next.mod.DropInherited(); return nil })
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", listened[0].Port))
	if err != nil {
		t.Fatalf("the unadopted socket still holds its port: %v", err)
	}
	ln.Close()
}

// onConnection's promise is nobody's to await: its rejection fails the run.
func TestOnConnectionRejection(t *testing.T) {
	h := newHarness(t, 0)
	err := h.run(`
		const server = await ws.serve(async (conn) => { throw new Error('onConnection broke'); });
		await ws.connect(server.url);
		await new Promise(() => {});`)
	if err == nil || !strings.Contains(err.Error(), "onConnection broke") {
		t.Fatalf("run = %v, want onConnection's error", err)
	}
}

// TestCallbackResultsAreNotRead: what verify, http and onConnection return is looked into for
// a promise without reading the object's other properties. Export read them all, so an
// object with a getter that throws was a Go panic: an internal error, not the script's doing.
func TestCallbackResultsAreNotRead(t *testing.T) {
	h := newHarness(t, 0)
	h.installHTTPGet()
	h.ok(`
		const odd = () => ({ get x() { throw new Error('read'); } });
		const server = await ws.serve({ verify: odd, http: () => ({ status: 202, get x() { throw new Error('read'); } }) }, odd);
		const e = await ws.connect(server.url).catch((e) => e);
		expect(e.status).toBe(403); // an object without status refuses, as { status: 403 } would
		expect((await httpGet('http://127.0.0.1:' + server.port + '/x')).status).toBe(202);
		const open = await ws.serve(odd);
		const conn = await ws.connect(open.url);
		await conn.ping();
		expect(conn.closed).toBe(false);`)
}

// TestCallbackAnswersThatThrowWhenRead: a getter or toString that throws while verify's
// verdict or the http handler's answer is read fails the test with the script's error, as a
// throw in the callback does; it was a Go panic, an internal error.
func TestCallbackAnswersThatThrowWhenRead(t *testing.T) {
	for name, script := range map[string]string{
		"http status": `const server = await ws.serve({ http: () => ({ get status() { throw new Error('read broke'); } }) });
			await httpGet('http://127.0.0.1:' + server.port + '/x');`,
		"http header": `const server = await ws.serve({ http: async () => ({ headers: { a: { toString() { throw new Error('read broke'); } } } }) });
			await httpGet('http://127.0.0.1:' + server.port + '/x');`,
		"verify": `const server = await ws.serve({ verify: () => ({ get status() { throw new Error('read broke'); } }) });
			await ws.connect(server.url).catch(() => {});`,
		"async verify": `const server = await ws.serve({ verify: async () => ({ get body() { throw new Error('read broke'); } }) });
			await ws.connect(server.url).catch(() => {});`,
	} {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t, 0)
			h.installHTTPGet()
			err := h.run(script + "\nawait new Promise(() => {});")
			if err == nil || !strings.Contains(err.Error(), "read broke") || strings.Contains(err.Error(), "panic") {
				t.Fatalf("run = %v, want the getter's error", err)
			}
		})
	}
}

// Clients that connect one after another reach expectConnection in that order: a client sees
// its 101 before the server's handler reports the connection, so without transport's ordering
// of upgrades a second client could be reported first (many rounds give that race its chance;
// it failed within five runs of this test before).
func TestExpectConnectionInConnectOrder(t *testing.T) {
	h := newHarness(t, 0)
	h.ok(`
		const server = await ws.serve();
		for (let round = 0; round < 50; round++) {
			const a = await ws.connect(server.url + '?who=a');
			const b = await ws.connect(server.url + '?who=b');
			const sa = await server.expectConnection();
			const sb = await server.expectConnection();
			a.send('a'); b.send('b');
			expect([await sa.expect(), await sb.expect()]).toEqual(['a', 'b']);
			await a.close(); await b.close();
		}`)
}

// A port another server holds: the message says so first, and ListenFailure keeps the cause
// for `wsrun serve`.
func TestServePortInUse(t *testing.T) {
	h := newHarness(t, 0)
	h.ok(`
		const first = await ws.serve();
		const err = await ws.serve({ port: first.port }).catch((e) => e);
		expect(err.message).toBe('ws.serve: port ' + first.port + ' is in use (listen tcp 127.0.0.1:' + first.port + ': bind: address already in use)');
	`)
	if err := h.mod.ListenFailure(); err == nil || !strings.HasPrefix(err.Error(), "port ") {
		t.Errorf("ListenFailure() = %v", err)
	}
}

// A client waiting on an inherited socket reaches verify and the http handler as soon as the
// next run listens, before ws.serve() has finished making its server: they wait for it.
func TestRestartVerifiesEarlyClients(t *testing.T) {
	h := newHarness(t, 0)
	h.ok(`globalThis.a = await ws.serve();`)
	var listened []Listened
	h.onLoop(func() error { listened = h.mod.Detach(1012, "service restart"); return nil })
	url := fmt.Sprintf("127.0.0.1:%d/", listened[0].Port)
	early := make(chan error, 2)
	go func() {
		c, _, err := websocket.DefaultDialer.Dial("ws://"+url, nil)
		if err == nil {
			c.Close()
		}
		early <- err
	}()
	go func() {
		resp, err := http.Get("http://" + url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode != http.StatusTeapot {
				err = fmt.Errorf("status %d, want 418", resp.StatusCode)
			}
		}
		early <- err
	}()
	time.Sleep(50 * time.Millisecond) // both wait in the socket's backlog
	next := newHarness(t, 0)
	next.onLoop(func() error { next.mod.inherit = slices.Clone(listened); return nil })
	next.ok(`
		let served;
		const httpServed = new Promise((resolve) => { served = resolve; });
		const a = await ws.serve({ verify: () => true, http: () => { served(); return { status: 418 }; } });
		await a.expectConnection({ timeout: 3000 });
		await httpServed;`)
	for range 2 {
		if err := <-early; err != nil {
			t.Fatalf("a client that connected between the runs: %v", err)
		}
	}
}

// A save that reorders the ws.serve() calls, or moves one to another host on the same port,
// does not find its port taken by the socket the previous run left open: the call adopts the
// socket of its port whichever call opened it, or it is closed so that the call can listen.
func TestRestartReorderedServers(t *testing.T) {
	h := newHarness(t, 0)
	h.ok(`globalThis.a = await ws.serve(); globalThis.b = await ws.serve(); globalThis.c = await ws.serve();`)
	var listened []Listened
	h.onLoop(func() error { listened = h.mod.Detach(1012, "service restart"); return nil })
	next := newHarness(t, 0)
	next.onLoop(func() error { next.mod.inherit = slices.Clone(listened); return nil })
	next.ok(fmt.Sprintf(`
		const b = await ws.serve({ port: %d }), a = await ws.serve({ port: %d });
		const c = await ws.serve({ host: '0.0.0.0', port: %d });
		expect([a.port, b.port, c.port]).toEqual([%[2]d, %[1]d, %[3]d]);`, listened[1].Port, listened[0].Port, listened[2].Port))
	next.onLoop(func() error {
		if next.mod.inherit[0].Listener != nil || next.mod.inherit[1].Listener != nil {
			t.Errorf("the reordered calls did not adopt their sockets: %+v", next.mod.inherit)
		}
		return nil
	})
}
