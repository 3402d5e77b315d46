package report

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// exactQuantile is the nearest-rank quantile of samples: the one with rank ⌈q·n⌉.
func exactQuantile(samples []time.Duration, q float64) time.Duration {
	s := slices.Clone(samples)
	slices.Sort(s)
	rank := int(math.Ceil(q * float64(len(s))))
	return s[min(max(rank, 1), len(s))-1]
}

// withinBound reports whether got is within HistogramError of want (and a hair of float
// rounding on the bucket boundaries).
func withinBound(got, want time.Duration) bool {
	if want == 0 {
		return got == 0
	}
	return math.Abs(float64(got-want))/float64(want) <= HistogramError+1e-9
}

var quantiles = []float64{0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1}

func TestHistogramQuantilesWithinTheBound(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	lognormal := make([]time.Duration, 10000)
	for i := range lognormal {
		lognormal[i] = time.Duration(math.Exp(rng.NormFloat64()*1.5 + 12)) // ~160µs, wide
	}
	wide := make([]time.Duration, 1000)
	for i := range wide {
		wide[i] = time.Duration(rng.Int64N(int64(time.Hour))) + 1
	}
	tests := []struct {
		name    string
		samples []time.Duration
	}{
		{"one sample", []time.Duration{1234567}},
		{"equal samples", slices.Repeat([]time.Duration{42 * time.Millisecond}, 500)},
		{"two values", []time.Duration{time.Millisecond, time.Millisecond, 3 * time.Millisecond}},
		{"tiny", []time.Duration{0, 1, 1, 2, 3, 5, 8, 13, 21}},
		{"huge", []time.Duration{time.Duration(math.MaxInt64), 200 * 24 * time.Hour, time.Hour, time.Second}},
		{"lognormal", lognormal},
		{"uniform up to an hour", wide},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var h Histogram
			for _, d := range tt.samples {
				h.Add(d)
			}
			if h.Count() != uint64(len(tt.samples)) {
				t.Errorf("Count = %d, want %d", h.Count(), len(tt.samples))
			}
			if want := slices.Max(tt.samples); h.Max() != want {
				t.Errorf("Max = %v, want exactly %v", h.Max(), want)
			}
			if want := slices.Min(tt.samples); h.Min() != want {
				t.Errorf("Min = %v, want exactly %v", h.Min(), want)
			}
			for _, q := range quantiles {
				want, got := exactQuantile(tt.samples, q), h.Quantile(q)
				if !withinBound(got, want) && !(want <= 1 && got <= 1) { // under 1 ns counts as 1 ns
					t.Errorf("Quantile(%v) = %v, want %v within %.0f%%", q, got, want, HistogramError*100)
				}
			}
		})
	}
}

func TestHistogramExactWhenAllEqual(t *testing.T) {
	for _, d := range []time.Duration{1, 999, 123456789, time.Duration(math.MaxInt64)} {
		var h Histogram
		for range 3 {
			h.Add(d)
		}
		for _, q := range quantiles {
			if got := h.Quantile(q); got != d {
				t.Errorf("%v ×3: Quantile(%v) = %v, want exactly %v", d, q, got, d)
			}
		}
	}
}

func TestHistogramEmpty(t *testing.T) {
	var h Histogram
	if h.Count() != 0 || h.Max() != 0 || h.Quantile(0.5) != 0 {
		t.Errorf("empty histogram: count %d, max %v, p50 %v; want zeros", h.Count(), h.Max(), h.Quantile(0.5))
	}
	b, err := json.Marshal(&h)
	if err != nil || string(b) != `{"min":0,"max":0,"buckets":""}` {
		t.Errorf("empty histogram as JSON: %s, %v", b, err)
	}
}

// TestHistogramBounded checks that a million samples cost no more buckets than the range of
// durations they span allows.
func TestHistogramBounded(t *testing.T) {
	var h Histogram
	rng := rand.New(rand.NewPCG(3, 4))
	for range 1_000_000 {
		h.Add(time.Duration(rng.Int64N(int64(10 * time.Millisecond))))
	}
	if n := len(h.counts); n > maxBucket+1 {
		t.Errorf("%d buckets, more than the %d any histogram can have", n, maxBucket+1)
	}
	var whole Histogram
	whole.Add(0)
	whole.Add(time.Duration(math.MaxInt64))
	if n := len(whole.counts); n != maxBucket+1 || maxBucket > 2200 {
		t.Errorf("from 0 to the longest duration: %d buckets (maxBucket %d)", n, maxBucket)
	}
}

// TestHistogramMergeIsExact checks that merging histograms, directly and through their JSON,
// gives the histogram of all the samples.
func TestHistogramMergeIsExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var all, a, b, c Histogram
	parts := []*Histogram{&a, &b, &c}
	scale := []int64{int64(time.Microsecond), int64(time.Millisecond), int64(time.Second)}
	for i := range 3000 {
		d := time.Duration(rng.Int64N(scale[i%3]))
		all.Add(d)
		parts[i%3].Add(d)
	}
	var merged Histogram
	for _, p := range []*Histogram{&c, &a, &b} { // any order
		merged.Merge(p)
	}
	if !reflect.DeepEqual(merged, all) {
		t.Errorf("merged histogram differs from the histogram of all samples")
	}
	var fromJSON Histogram
	for _, p := range parts {
		data, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		var back Histogram
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatalf("%s: %v", data, err)
		}
		fromJSON.Merge(&back)
	}
	if !reflect.DeepEqual(fromJSON, all) {
		t.Errorf("histograms merged from their JSON differ from the histogram of all samples")
	}
	before := a.Clone()
	merged.Merge(&a)
	if !reflect.DeepEqual(a, *before) {
		t.Errorf("Merge changed its argument")
	}
}

func TestHistogramUnmarshalRefusesNonsense(t *testing.T) {
	tests := map[string]string{
		`{"min":1,"max":1,"buckets":"0:1 0:2"}`:                    "increasing order",
		`{"min":1,"max":1,"buckets":"5:0"}`:                        "count of 0",
		`{"min":1,"max":1,"buckets":"99999999:1"}`:                 "past the last one",
		`{"min":5000,"max":1,"buckets":"0:1"}`:                     "do not fit",
		`{"min":1,"max":1000000000,"buckets":"0:1"}`:               "do not fit",
		`{"min":-1,"max":1,"buckets":"0:1"}`:                       "do not fit",
		`{"min":1,"max":1,"buckets":"0:1:2"}`:                      "not index:count",
		`{"min":1,"max":1,"buckets":"-1:1"}`:                       "not index:count",
		`{"min":1,"max":1,"buckets":"x"}`:                          "not index:count",
		`{"min":1,"max":1,"buckets":[[0,1]]}`:                      "histogram:",
		`{"min":1,"max":2,"buckets":"0:18446744073709551615 1:1"}`: "too many",
	}
	for in, want := range tests {
		var h Histogram
		err := json.Unmarshal([]byte(in), &h)
		switch {
		case err == nil:
			t.Errorf("%s: accepted, want an error with %q", in, want)
		case !strings.Contains(err.Error(), want):
			t.Errorf("%s: %v, want %q", in, err, want)
		}
	}
}
