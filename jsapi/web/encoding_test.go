package web

import (
	"strings"
	"testing"
)

func TestTextEncoding(t *testing.T) {
	cases(t, []struct{ name, src, want string }{
		{"encode", `[...new TextEncoder().encode('aé€😀')].join()`, "97,195,169,226,130,172,240,159,152,128"},
		{"lone surrogates are U+FFFD", `[...new TextEncoder().encode('a\ud800b\udc00')].join()`, "97,239,191,189,98,239,191,189"},
		{"round trip", `new TextDecoder().decode(new TextEncoder().encode('héllo wörld 😀')) === 'héllo wörld 😀'`, "true"},
		{"round trip of a lone surrogate", `new TextDecoder().decode(new TextEncoder().encode('\ud83d')) === '\ufffd'`, "true"},
		{"encoding", `new TextEncoder().encoding + ' ' + new TextDecoder('UTF8 ').encoding`, "utf-8 utf-8"},
		{"encodeInto stops before a character that does not fit", `(() => { const b = new Uint8Array(5); const r = new TextEncoder().encodeInto('a😀b', b); return [r.read, r.written, ...b].join() })()`, "3,5,97,240,159,152,128"},
		{"encodeInto lone surrogate", `(() => { const b = new Uint8Array(8); const r = new TextEncoder().encodeInto('\udc00x', b); return [r.read, r.written, b[0], b[3]].join() })()`, "2,4,239,120"},
		// Malformed input: one U+FFFD per maximal subpart (Encoding Standard; WPT textdecoder-fatal).
		{"truncated sequence", `escape(new TextDecoder().decode(new Uint8Array([0xE2, 0x82, 0x41])))`, "%uFFFDA"},
		{"invalid bytes", `escape(new TextDecoder().decode(new Uint8Array([0xC0, 0x80, 0xFF])))`, "%uFFFD%uFFFD%uFFFD"},
		{"encoded surrogate", `escape(new TextDecoder().decode(new Uint8Array([0xED, 0xA0, 0x80])))`, "%uFFFD%uFFFD%uFFFD"},
		{"overlong", `escape(new TextDecoder().decode(new Uint8Array([0xF0, 0x80, 0x80, 0x80])))`, "%uFFFD%uFFFD%uFFFD%uFFFD"},
		{"truncated at the end", `escape(new TextDecoder().decode(new Uint8Array([0x61, 0xF0, 0x9F, 0x98])))`, "a%uFFFD"},
		{"fatal throws TypeError", `try { new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xFF])) } catch (e) { e.name }`, "TypeError"},
		{"fatal on a truncated end", `try { new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xE2, 0x82])) } catch (e) { e.name }`, "TypeError"},
		{"BOM stripped", `new TextDecoder().decode(new Uint8Array([0xEF, 0xBB, 0xBF, 0x61])).length`, "1"},
		{"ignoreBOM keeps it", `new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array([0xEF, 0xBB, 0xBF, 0x61])).length`, "2"},
		{"stream joins split sequences", `(() => { const d = new TextDecoder(); const b = new TextEncoder().encode('é😀'); return d.decode(b.subarray(0, 1), { stream: true }) + '|' + d.decode(b.subarray(1, 4), { stream: true }) + '|' + d.decode(b.subarray(4)) })()`, "|é|😀"},
		{"stream ends with a truncated sequence", `(() => { const d = new TextDecoder(); d.decode(new Uint8Array([0xE2]), { stream: true }); return escape(d.decode()) })()`, "%uFFFD"},
		{"views and buffers", `(() => { const b = new Uint8Array([0, 0x61, 0x62, 0]); return new TextDecoder().decode(new DataView(b.buffer, 1, 2)) + new TextDecoder().decode(b.subarray(1, 2)) + new TextDecoder().decode(b.buffer.slice(2, 3)) })()`, "abab"},
		{"bad input", `try { new TextDecoder().decode('x') } catch (e) { e.name }`, "TypeError"},
		{"other encodings are a RangeError", `try { new TextDecoder('latin1') } catch (e) { e.name }`, "RangeError"},
	})
}

func TestBase64(t *testing.T) {
	cases(t, []struct{ name, src, want string }{
		{"btoa", `btoa('hello') + ' ' + btoa('\xff\xfe') + ' ' + btoa('')`, "aGVsbG8= //4= "},
		{"atob", `atob('aGVsbG8=') + atob('aGVsbG8') + escape(atob('//4='))`, "hellohello%FF%FE"},
		{"whitespace anywhere is ignored", `atob(' aGVs\tbG8\n=\f\r')`, "hello"},
		{"non-zero trailing bits are ignored", `atob('YR==') + atob('YQ')`, "aa"},
		{"round trip of every byte", `(() => { let s = ''; for (let i = 0; i < 256; i++) s += String.fromCharCode(i); return atob(btoa(s)) === s })()`, "true"},
		{"btoa outside Latin1", `try { btoa('€') } catch (e) { [e instanceof DOMException, e.name, e.code].join() }`, "true,InvalidCharacterError,5"},
		{"atob bad character", `try { atob('a$==') } catch (e) { e.name }`, "InvalidCharacterError"},
		{"atob bad length", `try { atob('abcde') } catch (e) { e.name }`, "InvalidCharacterError"},
		{"atob padding in the middle", `try { atob('ab=c') } catch (e) { e.name }`, "InvalidCharacterError"},
		{"atob too much padding", `try { atob('a===') } catch (e) { e.name }`, "InvalidCharacterError"},
		{"atob padding without length 4", `try { atob('ab=') } catch (e) { e.name }`, "InvalidCharacterError"},
		{"atob url alphabet", `try { atob('a-_b') } catch (e) { e.name }`, "InvalidCharacterError"},
		{"atob non-ASCII whitespace", `try { atob('aGVs\u00a0bG8=') } catch (e) { e.message }`, "atob: The string to be decoded is not correctly encoded."},
		{"atob of a number", `atob(1234).length`, "3"},
	})
}

func TestDecodeUTF8(t *testing.T) {
	for _, tc := range []struct {
		in           string
		stream       bool
		want         string
		rest         int
		fatalFailure bool
	}{
		{in: "abc", want: "abc"},
		{in: "a\xe2\x82", stream: true, want: "a", rest: 2},
		{in: "a\xe2\x82", want: "a\ufffd", fatalFailure: true},
		{in: "\xf4\x90\x80\x80", want: strings.Repeat("\ufffd", 4), fatalFailure: true}, // above U+10FFFF
		{in: "\xe0\x80\x80", want: strings.Repeat("\ufffd", 3), fatalFailure: true},     // overlong
	} {
		got, rest, ok := decodeUTF8([]byte(tc.in), false, tc.stream)
		if got != tc.want || rest != tc.rest || !ok {
			t.Errorf("decodeUTF8(%q, stream %v) = %q, %d, %v; want %q, %d", tc.in, tc.stream, got, rest, ok, tc.want, tc.rest)
		}
		if _, _, ok := decodeUTF8([]byte(tc.in), true, tc.stream); ok == tc.fatalFailure {
			t.Errorf("decodeUTF8(%q, fatal) ok = %v", tc.in, ok)
		}
	}
}
