package report

import (
	"cmp"
	"slices"
	"time"
	"unicode/utf8"
)

// Operation is the latency of one kind of request-like operation (a ws request, a Socket.IO
// ack, a GraphQL query, a STOMP receipt, a JSON-RPC call), by name and protocol.
type Operation struct {
	Name     string     `json:"name"`     // event, operation name, destination or method
	Protocol string     `json:"protocol"` // ws, socketio, graphql, stomp or jsonrpc
	Latency  *Histogram `json:"histogram"`
}

// MaxOperationNames is how many distinct names an OperationTable records per protocol; the
// samples of names past it are recorded under OtherOperations. Names come from messages (a
// message's type, a method), so a script that puts an id in them must not grow the table
// without end.
const MaxOperationNames = 1000

// OtherOperations is the name samples are recorded under once a protocol has
// MaxOperationNames names.
const OtherOperations = "(other names)"

// maxOperationName is the longest name, in bytes, an OperationTable keeps; a longer one is cut
// at a character boundary and ends with "…".
const maxOperationName = 200

type opKey struct{ protocol, name string }

// OperationTable collects the latencies of operations by name and protocol. Its zero value is
// empty and ready to use; it is not safe for concurrent use.
type OperationTable struct {
	byKey   map[opKey]*Histogram
	perProt map[string]int // names per protocol, for MaxOperationNames
}

// Record adds one completed operation that took d.
func (t *OperationTable) Record(name, protocol string, d time.Duration) {
	name = shortName(name)
	if t.byKey == nil {
		t.byKey, t.perProt = map[opKey]*Histogram{}, map[string]int{}
	}
	k := opKey{protocol, name}
	h := t.byKey[k]
	if h == nil {
		if t.perProt[protocol] >= MaxOperationNames {
			k.name = OtherOperations
			h = t.byKey[k]
		}
		if h == nil {
			h = &Histogram{}
			t.byKey[k] = h
			t.perProt[protocol]++
		}
	}
	h.Add(d)
}

// Merge adds rows to the table; their histograms are not changed or kept.
func (t *OperationTable) Merge(rows []Operation) {
	if t.byKey == nil && len(rows) > 0 {
		t.byKey, t.perProt = map[opKey]*Histogram{}, map[string]int{}
	}
	for _, r := range rows {
		k := opKey{r.Protocol, r.Name}
		if h := t.byKey[k]; h != nil {
			h.Merge(r.Latency)
			continue
		}
		h := &Histogram{}
		h.Merge(r.Latency)
		t.byKey[k] = h
		t.perProt[r.Protocol]++
	}
}

// Rows returns the table sorted by protocol, then name, as copies the table does not change
// afterwards; nil when nothing was recorded.
func (t *OperationTable) Rows() []Operation {
	if len(t.byKey) == 0 {
		return nil
	}
	rows := make([]Operation, 0, len(t.byKey))
	for k, h := range t.byKey {
		rows = append(rows, Operation{Name: k.name, Protocol: k.protocol, Latency: h.Clone()})
	}
	slices.SortFunc(rows, func(a, b Operation) int {
		return cmp.Or(cmp.Compare(a.Protocol, b.Protocol), cmp.Compare(a.Name, b.Name))
	})
	return rows
}

// mapOperations returns rows with every name passed through fn; rows whose names become equal
// merge into one. rows itself is not changed.
func mapOperations(rows []Operation, fn func(string) string) []Operation {
	changed := false
	for _, r := range rows {
		if fn(r.Name) != r.Name {
			changed = true
			break
		}
	}
	if !changed {
		return rows
	}
	mapped := make([]Operation, len(rows))
	for i, r := range rows {
		r.Name = fn(r.Name)
		mapped[i] = r
	}
	var t OperationTable
	t.Merge(mapped)
	return t.Rows()
}

// shortName cuts a name longer than maxOperationName bytes.
func shortName(s string) string {
	if len(s) <= maxOperationName {
		return s
	}
	cut := maxOperationName - len("…")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
