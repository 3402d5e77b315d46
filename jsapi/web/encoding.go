package web

import (
	"encoding/base64"
	"strings"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// utf8Encode is TextEncoder.encode: the string's UTF-8 bytes, each lone surrogate as U+FFFD
// (goja's String() decodes UTF-16 that way), in a new ArrayBuffer.
func (h *host) utf8Encode(s goja.Value) goja.ArrayBuffer {
	return h.vm.NewArrayBuffer([]byte(s.String()))
}

// utf8Decode is TextDecoder.decode over n bytes of buf from offset: the text, and how many
// bytes at the end begin a sequence that the next chunk may complete (stream only). Malformed
// input is U+FFFD per maximal subpart, as the Encoding Standard's UTF-8 decoder says, or a
// TypeError when fatal.
func (h *host) utf8Decode(buf goja.ArrayBuffer, offset, n int, fatal, stream bool) []any {
	b := buf.Bytes()
	if offset < 0 || n < 0 || offset+n > len(b) {
		panic(h.vm.NewTypeError("decode: the view is outside its buffer"))
	}
	text, rest, ok := decodeUTF8(b[offset:offset+n], fatal, stream)
	if !ok {
		panic(h.vm.NewTypeError("The encoded data was not valid for encoding utf-8"))
	}
	return []any{text, rest}
}

// decodeUTF8 is the Encoding Standard's UTF-8 decoder (https://encoding.spec.whatwg.org/#utf-8-decoder).
// Go's utf8.DecodeRune differs: it gives one U+FFFD per byte of a truncated sequence where
// the standard gives one per maximal subpart ("\xE2\x82A" is "\uFFFDA", not "\uFFFD\uFFFDA").
func decodeUTF8(b []byte, fatal, stream bool) (text string, rest int, ok bool) {
	var out strings.Builder
	out.Grow(len(b))
	var cp rune
	needed, seen, start := 0, 0, 0
	lower, upper := byte(0x80), byte(0xBF)
	for i := 0; i < len(b); i++ {
		c := b[i]
		if needed == 0 {
			switch {
			case c <= 0x7F:
				out.WriteByte(c)
			case c >= 0xC2 && c <= 0xDF:
				needed, cp = 1, rune(c&0x1F)
			case c >= 0xE0 && c <= 0xEF:
				if c == 0xE0 {
					lower = 0xA0
				} else if c == 0xED {
					upper = 0x9F
				}
				needed, cp = 2, rune(c&0x0F)
			case c >= 0xF0 && c <= 0xF4:
				if c == 0xF0 {
					lower = 0x90
				} else if c == 0xF4 {
					upper = 0x8F
				}
				needed, cp = 3, rune(c&0x07)
			default:
				if fatal {
					return "", 0, false
				}
				out.WriteRune(utf8.RuneError)
			}
			start = i
			continue
		}
		if c < lower || c > upper {
			// The sequence so far is one error; c starts over.
			cp, needed, seen = 0, 0, 0
			lower, upper = 0x80, 0xBF
			if fatal {
				return "", 0, false
			}
			out.WriteRune(utf8.RuneError)
			i--
			continue
		}
		lower, upper = 0x80, 0xBF
		cp = cp<<6 | rune(c&0x3F)
		if seen++; seen == needed {
			out.WriteRune(cp)
			cp, needed, seen = 0, 0, 0
		}
	}
	if needed != 0 {
		if stream {
			return out.String(), len(b) - start, true
		}
		if fatal {
			return "", 0, false
		}
		out.WriteRune(utf8.RuneError)
	}
	return out.String(), 0, true
}

// asciiWhitespace is what forgiving-base64 decode strips: TAB, LF, FF, CR and SPACE.
const asciiWhitespace = "\t\n\f\r "

// atob is forgiving-base64 decode (https://infra.spec.whatwg.org/#forgiving-base64-decode):
// whitespace anywhere is ignored, padding is optional but must be right when present, and
// the result is a string of one code unit per byte. Anything else is an
// InvalidCharacterError, which encoding.js throws when this returns false.
func (h *host) atob(s string) (goja.Value, bool) {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(asciiWhitespace, r) {
			return -1
		}
		return r
	}, s)
	if len(s)%4 == 0 {
		if strings.HasSuffix(s, "==") {
			s = s[:len(s)-2]
		} else if strings.HasSuffix(s, "=") {
			s = s[:len(s)-1]
		}
	}
	if len(s)%4 == 1 {
		return nil, false
	}
	// RawStdEncoding rejects '=' and any other byte outside the alphabet, and (not being
	// Strict) ignores non-zero bits in the last character, as the standard's decode does.
	b, err := base64.RawStdEncoding.DecodeString(s)
	if err != nil {
		return nil, false
	}
	return latin1(h.vm, b), true
}

// btoa is base64 of a string whose code units are all at most 0xFF (encoding.js has checked).
func (h *host) btoa(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = append(b, byte(r))
	}
	return base64.StdEncoding.EncodeToString(b)
}

// latin1 is a JS string of one code unit per byte.
func latin1(vm *goja.Runtime, b []byte) goja.Value {
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return vm.ToValue(string(r))
}
