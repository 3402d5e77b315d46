package expect

import (
	"fmt"
	"testing"
)

// largeFailure fails toEqual on an array and a Set of n numbers each and checks that the
// message printed them whole.
func largeFailure(n int) string {
	return fmt.Sprintf(`{
		const a = Array.from({ length: %d }, (_, i) => i);
		const b = new Set(Array.from({ length: %d }, (_, i) => i));
		let message = '';
		try { expect(a).toEqual([1]); } catch (err) { message = err.message; }
		try { expect(b).toEqual(new Set([1])); } catch (err) { message += err.message; }
		if (!message.includes('  %d,') || !message.includes('%d,')) throw new Error('not printed whole');
	}`, n, n, n-1, n-1)
}

// A failure message prints a large value whole. The printers once appended item by item with
// +=, which goja does by copying the string: 20,000 numbers took 6 s, 200,000 ran into the
// test timeout. How the time grows with the size is BenchmarkFailureMessageOfALargeArray's
// to show (no timing is asserted here).
func TestFailureMessageOfALargeArray(t *testing.T) {
	e := newEnv(t)
	if msg := e.run(t, largeFailure(5000)); msg != "" {
		t.Fatal(msg)
	}
}

// BenchmarkFailureMessageOfALargeArray: ns/op should grow about 4× from n=5000 to n=20000
// (it grew about 14× with the quadratic printers).
func BenchmarkFailureMessageOfALargeArray(b *testing.B) {
	for _, n := range []int{5000, 20000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			e := newEnv(b)
			src := largeFailure(n)
			for b.Loop() {
				if msg := e.run(b, src); msg != "" {
					b.Fatal(msg)
				}
			}
		})
	}
}
