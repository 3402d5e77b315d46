package ws

import (
	"testing"
)

func recs(texts ...string) []*record {
	out := make([]*record, len(texts))
	for i, s := range texts {
		out[i] = &record{text: s}
	}
	return out
}

func texts(rs []*record) string {
	s := ""
	for _, r := range rs {
		s += r.text
	}
	return s
}

func TestRingKeepsTheNewest(t *testing.T) {
	r := newRing(3)
	dropped := 0
	for _, rec := range recs("a", "b", "c", "d", "e") {
		if r.push(rec) {
			dropped++
		}
	}
	if got := texts(r.all()); got != "cde" || dropped != 2 {
		t.Fatalf("all() = %q, dropped %d; want cde, 2", got, dropped)
	}
}

func TestRingOfZeroKeepsNothing(t *testing.T) {
	r := newRing(0)
	if !r.push(&record{}) || len(r.all()) != 0 {
		t.Fatal("a ring of size 0 must drop everything")
	}
}

func TestInboxOrderAndRemoval(t *testing.T) {
	b := inbox{max: 10}
	rs := recs("a", "b", "c", "d")
	for _, r := range rs {
		b.push(r)
	}
	b.remove(0)        // a
	b.removeRec(rs[2]) // c
	b.removeRec(rs[2]) // already gone: no effect
	got := ""
	for i := 0; i < b.len(); i++ {
		got += b.at(i).text
	}
	if got != "bd" {
		t.Fatalf("inbox = %q, want bd", got)
	}
}

func TestInboxCapDropsOldest(t *testing.T) {
	b := inbox{max: 2}
	drops := 0
	for _, r := range recs("a", "b", "c") {
		if b.push(r) {
			drops++
		}
	}
	if b.len() != 2 || b.at(0).text != "b" || drops != 1 {
		t.Fatalf("len %d first %q drops %d", b.len(), b.at(0).text, drops)
	}
}

func TestInboxReclaimsConsumedFront(t *testing.T) {
	b := inbox{max: 100000}
	for i := 0; i < 5000; i++ {
		b.push(&record{})
		b.remove(0)
	}
	if len(b.items) > 2048 {
		t.Fatalf("consumed messages are not reclaimed: %d slots held", len(b.items))
	}
}

func TestLooksJSON(t *testing.T) {
	for s, want := range map[string]bool{`{"a":1}`: true, `  [1]`: true, `hello`: false, ``: false, "\n{": true, `"str"`: false} {
		if got := looksJSON(s); got != want {
			t.Errorf("looksJSON(%q) = %v", s, got)
		}
	}
}
