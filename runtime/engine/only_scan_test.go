package engine

import "testing"

// TestCodeOnly: a .only in a comment or a string does not count as one (it used to leave out
// the tests of every other file); one in code does, also after strings with // or quotes.
func TestCodeOnly(t *testing.T) {
	for src, want := range map[string]bool{
		"test.only('x', () => {});":                              true,
		"describe.only ('x', () => {});":                         true,
		"// focus with test.only(name, fn)\ntest('a');":          false,
		"/* it.only( */ test('a');":                              false,
		"/* unterminated it.only(":                               false,
		"const s = 'test.only(';":                                false,
		"const s = \"describe.only(\";":                          false,
		"const s = `test.only(`;":                                false,
		"const s = 'a\\'b'; test.only('x');":                     true,
		"ws.connect('ws://host/x'); test.only('x');":             true,
		"const s = `multi\nline`; it.only('x');":                 true,
		"const s = 'unterminated\ntest.only('x');":               true,
		"x = 1 / 2; /* a */ test.only('y'); // test.only(":       true,
		"const q = /'/; const hint = 'use test.only( to focus';": false,
		"if (/\"/.test(s)) x = \"test.only(\";":                  false,
		"const r = /[/'\\]]/; test.only('x');":                   true,
		"const r = (a) / 2; test.only('x'); // 'quoted'":         true,
		"const half = n / 2 / 3; test.only('x');":                true,
		// After a keyword a slash starts a regular expression: this one mentions .only.
		// Before, with --pass-with-no-tests (ci.md's shard recipe), every other file was left
		// out and the run passed having run nothing.
		`function focused(line) { return /it.only( |$)/.test(line); }`: false,
		`x = typeof /test.only(/;`:                                     false,
		"const returned = 1; const y = returned / 2; test.only('x');":  true,
		"const n = a.return / 2; test.only('x');":                      true,
		"test.only.each([[1]])('x %i', () => {});":                     true,
		"describe.only.each`a\n${1}`('x', () => {});":                  true,
		"const e = test.only.eachRow;":                                 false,
	} {
		if got := onlyRE.Match(codeOnly([]byte(src))); got != want {
			t.Errorf("%q: .only found %v, want %v (scanned %q)", src, got, want, codeOnly([]byte(src)))
		}
	}
}
