package expect

import (
	"fmt"
	"strings"
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

// A snapshot mismatch of a huge value shows the start of the snapshot and of what was
// received, with why the diff was left out; a missing snapshot in CI shows the start of what
// was received. Both printed the values whole, after a diff that could run past the timeout.
func TestSnapshotOfAHugeValue(t *testing.T) {
	lines := func(p string) string {
		var b strings.Builder
		for i := range 40000 {
			fmt.Fprintf(&b, "%s%d\n", p, i)
		}
		return b.String()
	}
	store := newMem(map[string]string{"t 1": `"` + lines("m") + `"`})
	e := snapEnv(t, store)
	msg := e.run(t, "expect(Array.from({ length: 40000 }, (_, i) => 'l' + i + '\\n').join('')).toMatchSnapshot()")
	for _, want := range []string{"(The diff was left out: the values print as 40001 and 40001 lines, ",
		"Snapshot:\n\"m0\nm1\n", "m48\nm49\n… (", "Received:\n\"l0\nl1\n"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the message lacks %q:\n%.3000s", want, msg)
		}
	}
	if len(msg) > 5000 {
		t.Errorf("the message has %d bytes", len(msg))
	}
	store = newMem(nil)
	store.ci = true
	e = snapEnv(t, store)
	msg = e.run(t, "expect('x'.repeat(1e6)).toMatchSnapshot()")
	if !strings.Contains(msg, "Received: \"xxxx") || !strings.Contains(msg, "… (980002 more characters)") || len(msg) > 25000 {
		t.Errorf("missing snapshot: %d bytes:\n%.1000s", len(msg), msg)
	}
}

// The line diff of large values (Myers' algorithm past a million cells) finds as few changes
// as the table of small ones, and a custom matcher's this.utils.diff says when it left the
// diff out.
func TestLargeLineDiffIsMinimal(t *testing.T) {
	e := newEnv(t)
	msg := e.run(t, `
		let seed = 1;
		const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) % 5;
		const lines = (n) => Array.from({ length: n }, rnd);
		let diff;
		expect.extend({ d(x, y) { diff = this.utils.diff(x, y); return { pass: true, message: () => '' }; } });
		const count = (d) => { const m = /- Expected +- (\d+)\n\+ Received +\+ (\d+)/.exec(d); return m ? +m[1] + +m[2] : -1; };
		// The table's edit distance, by hand, for 1,200 lines and 150 edits of them: 1.44M cells,
		// past the table's limit, so utils.diff uses Myers.
		const a = lines(1200), b = a.slice();
		for (let k = 0; k < 150; k++) {
			const at = (seed = (seed * 1103515245 + 12345) % 2147483648) % b.length;
			if (k % 3 === 0) b.splice(at, 1); else if (k % 3 === 1) b.splice(at, 0, 9); else b[at] = 8;
		}
		const n = a.length, m = b.length, w = m + 1, t = new Int32Array((n + 1) * w);
		for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--)
			t[i * w + j] = a[i] === b[j] ? t[(i + 1) * w + j + 1] + 1 : Math.max(t[(i + 1) * w + j], t[i * w + j + 1]);
		const want = n + m - 2 * t[0];
		expect(a.join('\n')).d(b.join('\n'));
		if (count(diff) !== want) throw new Error('Myers found ' + count(diff) + ' changes, want ' + want + ':\n' + diff.slice(0, 300));
		expect(lines(30000).join('\n')).d(lines(30000).join('\n'));
		if (!diff.startsWith('(The diff was left out: the values print as 30000 and 30000 lines')) throw new Error(diff.slice(0, 300));
	`)
	if msg != "" {
		t.Fatal(msg)
	}
}

// A long line of a diff cut around its change keeps its indentation, key and opening quote:
// they say whose value the excerpt is, and wsrun's redaction finds a secret by its key (a
// token of 30,000 characters showed its end under "(29890 characters) …", and no key).
func TestLongDiffLineKeepsItsKey(t *testing.T) {
	e := newEnv(t)
	msg := e.run(t, "expect({ list: [{ token: 'a'.repeat(30000) + '1' }, 'b'.repeat(30000) + '1'] })"+
		".toEqual({ list: [{ token: 'a'.repeat(30000) + '2' }, 'b'.repeat(30000) + '2'] })")
	for _, want := range []string{
		"\n-       \"token\": \"(29900 characters) …aaa", "aaa2\",\n+       \"token\": \"(29900 characters) …aaa", "aaa1\",\n",
		"\n-     \"(29900 characters) …bbb", "bbb2\",\n+     \"(29900 characters) …bbb",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("the message lacks %q:\n%.3000s", want, msg)
		}
	}
}

// Values too large to diff that first differ in a long string show that string around
// where it differs: its one-line form showed the first 10,000 characters, the same on both
// sides when the difference lies past them.
func TestFirstDifferenceInALongString(t *testing.T) {
	e := newEnv(t)
	msg := e.run(t, "const s = 'a'.repeat(4e6); expect({ note: s + '1', same: s }).toEqual({ note: s + '2', same: s })")
	for _, want := range []string{
		"They first differ at .note:\nExpected: …\"aaa", "aaa2\"\nReceived: …\"aaa", "aaa1\"\n\n",
		"(The strings are 4000001 and 4000001 characters long; they first differ at index 4000000",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("the message lacks %q:\n%.3000s", want, msg)
		}
	}
	if len(msg) > 25000 {
		t.Errorf("the message has %d bytes", len(msg))
	}
}

// Two long strings are shown from the name of the JSON member or parameter their first
// difference lies in, when it begins up to 500 characters before: the excerpt began 100
// characters before the difference, cutting a token from its key (and from redaction).
func TestExcerptStartsAtItsName(t *testing.T) {
	e := newEnv(t)
	for src, want := range map[string]string{
		"{ const pad = 'p'.repeat(25000), sig = 'c'.repeat(150); expect(JSON.stringify({ pad, token: sig + '1' })).toBe(JSON.stringify({ pad, token: sig + '2' })) }": `Expected: …"\"token\":\"ccc`,
		"{ const pad = 'p'.repeat(25000), sig = 'c'.repeat(150); expect(pad + '&access_token=' + sig + '1').toBe(pad + '&access_token=' + sig + '2') }":               `Expected: …"access_token=ccc`,
		"{ const s = 'a'.repeat(25000); expect(s + '1').toBe(s + '2') }":                                                                                              `Expected: …"aaa`,
	} {
		if msg := e.run(t, src); !strings.Contains(msg, want) {
			t.Errorf("the message lacks %q:\n%.3000s", want, msg)
		}
	}
}
