package ws

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// timedOp is one call of Options.OnOperation.
type timedOp struct {
	name, protocol string
	d              time.Duration
}

// timedHarness is a harness whose module hands its operations to *ops.
func timedHarness(t *testing.T, ops *[]timedOp) *harness {
	h := newHarness(t, 0)
	h.mod.opts.OnOperation = func(name, protocol string, d time.Duration) { *ops = append(*ops, timedOp{name, protocol, d}) }
	return h
}

// TestRequestIsTimed checks that every request answered is timed once, under the name its
// message gives, and that requests without an answer are not.
func TestRequestIsTimed(t *testing.T) {
	var ops []timedOp
	h := timedHarness(t, &ops)
	h.ok(`
		const { client, peer } = await pair();
		peer.on('message', (m) => { if (m !== 'silence' && m.type !== 'silence') peer.send(m); });
		await client.request({ type: 'join', method: 'm' }, { type: 'join' });
		await client.request({ method: 'sum', action: 'a' }, { method: 'sum' });
		await client.request({ action: 'subscribe' }, { action: 'subscribe' });
		await client.request({ op: 2, event: 'e' }, { op: 2 });
		await client.request({ event: 'phx_join' }, { event: 'phx_join' });
		await client.request({ type: { nested: true }, method: 7.5 }, { method: 7.5 });
		await client.request({ other: 1 }, { other: 1 });
		await client.request([{ type: 'in an array' }], expect.any(Array));
		await client.request('{"type":"text json"}', { type: 'text json' });
		await client.request(' {"method":"spaced"} ', { method: 'spaced' });
		await client.request('{"type":', '{"type":');
		await client.request('plain', 'plain');
		await client.request(new Uint8Array([1, 2]), expect.anything());
		// Unanswered: a timeout, and a reply that was already there before the request.
		await rejection(client.request({ type: 'silence' }, { type: 'never' }, { timeout: 30 }));
		client.send({ type: 'early' });
		await client.expectNone('nothing', { within: 50 }); // lets the reply arrive
		await client.request('silence', { type: 'early' });
	`)
	var got []string
	for _, op := range ops {
		if op.protocol != "ws" || op.d <= 0 || op.d > 5*time.Second {
			t.Errorf("%s: protocol %q, %v; want ws and a positive duration", op.name, op.protocol, op.d)
		}
		got = append(got, op.name)
	}
	want := "join sum subscribe 2 phx_join 7.5 request request text json spaced request request request"
	if s := strings.Join(got, " "); s != want {
		t.Errorf("timed %s\nwant  %s", s, want)
	}
}

// TestRequestTimesTheRoundTrip checks the duration: from the send to the reply.
func TestRequestTimesTheRoundTrip(t *testing.T) {
	var ops []timedOp
	h := timedHarness(t, &ops)
	h.ok(`
		const { client, peer } = await pair();
		peer.on('message', async (m) => {
			await peer.expectNone('nothing', { within: 80 });
			peer.send(m);
		});
		await client.request({ type: 'slow' }, { type: 'slow' });
	`)
	if len(ops) != 1 || ops[0].d < 80*time.Millisecond || ops[0].d > 2*time.Second {
		t.Errorf("timed %s, want one request of 80ms or more", fmt.Sprint(ops))
	}
}
