package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// HistogramError is the relative error bound of a percentile a Histogram reports: within 1%
// of the exact nearest-rank percentile of the recorded durations.
const HistogramError = 0.01

// histogramGamma is the ratio of a bucket's upper bound to its lower bound, chosen so that
// the bucket's representative value 2γ^i/(γ+1) is within HistogramError of anything in it.
// Bucket i holds durations d (in nanoseconds) with γ^(i-1) < d ≤ γ^i; durations under 1 ns
// count as 1 ns (bucket 0). A duration of 2^63-1 ns (292 years) lands in bucket 2185, so a
// histogram never has more than 2186 buckets, whatever it counts.
var (
	histogramGamma  = (1 + HistogramError) / (1 - HistogramError)
	histogramLogGam = math.Log(histogramGamma)
)

// maxBucket is the index of the bucket of the longest time.Duration.
var maxBucket = bucketOf(math.MaxInt64)

// Histogram counts durations in logarithmic buckets: a bounded amount of memory however many
// it counts, percentiles within HistogramError of the exact ones, and an exact count, min and
// max. Two histograms merge exactly: the result is the histogram of both sets of durations.
// Its zero value is empty and ready to use. It is not safe for concurrent use.
type Histogram struct {
	count    uint64
	min, max time.Duration
	first    int      // bucket index of counts[0]
	counts   []uint64 // dense from the lowest to the highest bucket used
}

// bucketOf is the index of the bucket d falls in.
func bucketOf(d time.Duration) int {
	if d <= 1 {
		return 0
	}
	i := int(math.Ceil(math.Log(float64(d)) / histogramLogGam))
	return max(i, 0)
}

// bucketValue is what a duration in bucket i is taken to be: the point of the bucket that is
// no more than HistogramError away from either end.
func bucketValue(i int) float64 {
	return 2 * math.Pow(histogramGamma, float64(i)) / (histogramGamma + 1)
}

// Add counts one duration.
func (h *Histogram) Add(d time.Duration) {
	d = max(d, 0)
	h.addBucket(bucketOf(d), 1)
	if h.count == 0 || d < h.min {
		h.min = d
	}
	h.max = max(h.max, d)
	h.count++
}

// addBucket adds n to bucket i, growing the dense range to include it.
func (h *Histogram) addBucket(i int, n uint64) {
	switch {
	case len(h.counts) == 0:
		h.first = i
		h.counts = append(h.counts, 0)
	case i < h.first:
		grown := make([]uint64, h.first-i+len(h.counts))
		copy(grown[h.first-i:], h.counts)
		h.counts, h.first = grown, i
	case i >= h.first+len(h.counts):
		h.counts = append(h.counts, make([]uint64, i-h.first-len(h.counts)+1)...)
	}
	h.counts[i-h.first] += n
}

// Merge adds every duration o counted to h. o is not changed.
func (h *Histogram) Merge(o *Histogram) {
	if o == nil || o.count == 0 {
		return
	}
	for j, n := range o.counts {
		if n > 0 {
			h.addBucket(o.first+j, n)
		}
	}
	if h.count == 0 || o.min < h.min {
		h.min = o.min
	}
	h.max = max(h.max, o.max)
	h.count += o.count
}

// Clone returns a copy of h that shares nothing with it.
func (h *Histogram) Clone() *Histogram {
	c := *h
	c.counts = append([]uint64(nil), h.counts...)
	return &c
}

// Count is how many durations were added.
func (h *Histogram) Count() uint64 { return h.count }

// Max is the longest duration added, exactly; 0 when none was.
func (h *Histogram) Max() time.Duration { return h.max }

// Min is the shortest duration added, exactly; 0 when none was.
func (h *Histogram) Min() time.Duration { return h.min }

// Quantile is the q-th quantile (0 < q ≤ 1, e.g. 0.95) by the nearest-rank method: the
// duration with rank ⌈q·count⌉ among those added, within HistogramError of it, and never
// outside [Min, Max]; exactly Min or Max for the first and last rank (so one duration, or
// many equal ones, come back exactly). It is 0 for an empty histogram.
func (h *Histogram) Quantile(q float64) time.Duration {
	if h.count == 0 {
		return 0
	}
	rank := uint64(math.Ceil(q * float64(h.count)))
	rank = min(max(rank, 1), h.count)
	switch rank { // the ends are known exactly
	case h.count:
		return h.max
	case 1:
		return h.min
	}
	var seen uint64
	for j, n := range h.counts {
		seen += n
		if seen >= rank {
			// Clamped as a float: the last bucket's value is past the longest Duration.
			v := math.Round(bucketValue(h.first + j))
			switch {
			case v <= float64(h.min):
				return h.min
			case v >= float64(h.max):
				return h.max
			}
			return time.Duration(v)
		}
	}
	return h.max // not reached: the buckets add up to count
}

// jsonHistogram is a Histogram in reports: exact min and max in nanoseconds, and the buckets
// that are not empty as "index:count" pairs, separated by spaces, in increasing order of
// index (see docs/reports.md). A string, so that an indented report keeps it on one line.
type jsonHistogram struct {
	Min     int64  `json:"min"`
	Max     int64  `json:"max"`
	Buckets string `json:"buckets"`
}

// MarshalJSON writes h as { "min", "max", "buckets": "index:count …" }, which is all that
// merging needs: UnmarshalJSON reads it back into an equal Histogram.
func (h *Histogram) MarshalJSON() ([]byte, error) {
	var b []byte
	for i, n := range h.counts {
		if n > 0 {
			if len(b) > 0 {
				b = append(b, ' ')
			}
			b = strconv.AppendInt(b, int64(h.first+i), 10)
			b = append(b, ':')
			b = strconv.AppendUint(b, n, 10)
		}
	}
	return json.Marshal(jsonHistogram{Min: int64(h.min), Max: int64(h.max), Buckets: string(b)})
}

// UnmarshalJSON reads what MarshalJSON wrote, refusing what no histogram could have written:
// buckets that do not parse, out of order, past the last one, or empty, counts that
// overflow, and a min or max that is negative, out of order, or outside the buckets.
func (h *Histogram) UnmarshalJSON(data []byte) error {
	var j jsonHistogram
	if err := json.Unmarshal(data, &j); err != nil {
		return fmt.Errorf("histogram: %w", err)
	}
	var out Histogram
	last := -1
	for _, pair := range strings.Fields(j.Buckets) {
		is, ns, _ := strings.Cut(pair, ":")
		i, err1 := strconv.Atoi(is)
		n, err2 := strconv.ParseUint(ns, 10, 64)
		switch {
		case err1 != nil || err2 != nil || i < 0:
			return fmt.Errorf("histogram: bucket %q is not index:count", pair)
		case i > maxBucket:
			return fmt.Errorf("histogram: bucket %d is past the last one, %d", i, maxBucket)
		case i <= last:
			return errors.New("histogram: buckets must be in increasing order of index")
		case n == 0:
			return fmt.Errorf("histogram: bucket %d has a count of 0", i)
		case out.count+n < out.count:
			return errors.New("histogram: the counts add up to too many (more than 2^64-1)")
		}
		last = i
		out.addBucket(i, n)
		out.count += n
	}
	if out.count > 0 {
		if j.Min < 0 || j.Max < j.Min || bucketOf(time.Duration(j.Min)) != out.first ||
			bucketOf(time.Duration(j.Max)) != out.first+len(out.counts)-1 {
			return fmt.Errorf("histogram: min %d and max %d do not fit its buckets", j.Min, j.Max)
		}
		out.min, out.max = time.Duration(j.Min), time.Duration(j.Max)
	}
	*h = out
	return nil
}
