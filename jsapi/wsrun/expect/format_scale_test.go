package expect

import (
	"fmt"
	"testing"
	"time"
)

// TestFailureMessageOfALargeArrayScalesLinearly: printing a value for a failure message must
// take time in proportion to its printed length. The printers appended item by item with +=,
// which goja does by copying the string, so a failed toEqual of a 20,000-number array spent
// 6 s printing it and one of 200,000 ran into the test timeout ("an endless loop?"). Four
// times the items must cost well under sixteen times the time (before: about 14×).
func TestFailureMessageOfALargeArrayScalesLinearly(t *testing.T) {
	e := newEnv(t)
	measure := func(n int) time.Duration {
		src := fmt.Sprintf(`{
			const a = Array.from({ length: %d }, (_, i) => i);
			const b = new Set(Array.from({ length: %d }, (_, i) => i));
			let message = '';
			try { expect(a).toEqual([1]); } catch (err) { message = err.message; }
			try { expect(b).toEqual(new Set([1])); } catch (err) { message += err.message; }
			if (!message.includes('  %d,') || !message.includes('%d,')) throw new Error('not printed whole');
		}`, n, n, n-1, n-1)
		best := time.Duration(1 << 62)
		for range 2 {
			start := time.Now()
			if msg := e.run(t, src); msg != "" {
				t.Fatalf("%d items: %s", n, msg)
			}
			best = min(best, time.Since(start))
		}
		return best
	}
	n := 4000
	if raceEnabled {
		n = 1500
	}
	small, large := measure(n), measure(4*n)
	t.Logf("%v, then %v", small, large)
	if ratio := float64(large) / float64(small); ratio > 8 {
		t.Errorf("printing 4× the items took %.1f× the time (%v, then %v): want about 4×", ratio, small, large)
	}
}
